package dev.embargo.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.embargo.events.CloudEventHeaders;
import dev.embargo.events.EventCodec;
import dev.embargo.events.EventType;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.events.Topics;

/**
 * Plays another service in a test: publishes well-formed lifecycle events (CloudEvents binary mode, keyed by subject)
 * to the test broker, and reads what the service under test published.
 */
public final class TestEvents {

    private static final EventCodec CODEC = new EventCodec();
    private static KafkaProducer<String, byte[]> producer;

    private TestEvents() {
    }

    /** Publishes an event with a fresh id; returns the id. */
    public static String publish(LifecycleEvent event) {
        return publish(event, UUID.randomUUID().toString());
    }

    /** Publishes an event under the given id, e.g. twice to test deduplication. */
    public static String publish(LifecycleEvent event, String eventId) {
        EventType type = EventType.of(event);
        return publishRaw(type.topic(), event.subject(), eventId, type.type(), CODEC.encode(event));
    }

    /** Publishes arbitrary bytes as an event, e.g. to test dead-lettering of a malformed one. */
    public static String publishRaw(String topic, String key, String eventId, String type, byte[] payload) {
        var headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
        headers.add(CloudEventHeaders.ID, bytes(eventId));
        headers.add(CloudEventHeaders.TYPE, bytes(type));
        // Tests play the topic's producer; consumers refuse any other source.
        headers.add(CloudEventHeaders.SOURCE, bytes(Topics.producerSource(topic).orElse("/test")));
        headers.add(CloudEventHeaders.TIME, bytes(Instant.now().toString()));
        headers.add(CloudEventHeaders.SUBJECT, bytes(key));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        try {
            producer().send(new ProducerRecord<>(topic, null, key, payload, headers)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish test event", e);
        }
        return eventId;
    }

    /** Every event of a type on its topic so far, decoded. */
    @SuppressWarnings("unchecked")
    public static <T extends LifecycleEvent> List<T> read(Class<T> recordType, Duration quiet) {
        EventType type = java.util.Arrays.stream(EventType.values()).filter(t -> t.recordType() == recordType)
                .findFirst().orElseThrow();
        return TestKafka.readAll(type.topic(), quiet).stream().filter(r -> type.type().equals(header(r)))
                .map(r -> (T) CODEC.decode(type.type(), r.value())).toList();
    }

    public static EventCodec codec() {
        return CODEC;
    }

    private static String header(ConsumerRecord<String, byte[]> record) {
        var h = record.headers().lastHeader(CloudEventHeaders.TYPE);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class.getName(), ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class.getName(), ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000));
        }
        return producer;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Waits briefly; for tests that must show that nothing happens. */
    public static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
