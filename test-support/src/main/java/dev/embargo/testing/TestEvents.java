package dev.embargo.testing;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.embargo.events.CloudEventHeaders;
import dev.embargo.events.EventCodec;
import dev.embargo.events.EventType;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.events.Topics;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;

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

    /**
     * Publishes arbitrary bytes as an event, e.g. to test dead-lettering of a malformed one; its source is the topic's
     * producer, as the service it plays would send it.
     */
    public static String publishRaw(String topic, String key, String eventId, String type, byte[] payload) {
        return publishRaw(topic, key, eventId, type, payload, Topics.producer(topic).orElse("/test"));
    }

    /** Publishes an event as a given source, e.g. to show that one that is not the topic's producer is refused. */
    public static String publishAs(String source, LifecycleEvent event) {
        EventType type = EventType.of(event);
        return publishRaw(type.topic(), event.subject(), UUID.randomUUID().toString(), type.type(), CODEC.encode(event),
                source);
    }

    private static String publishRaw(String topic, String key, String eventId, String type, byte[] payload,
            String source) {
        var event = CloudEventBuilder.v1().withId(eventId).withType(type).withSource(URI.create(source))
                .withTime(OffsetDateTime.now(ZoneOffset.UTC)).withSubject(key)
                .withDataContentType(CloudEventHeaders.JSON).withData(payload).build();
        try {
            producer().send(KafkaMessageFactory.createWriter(topic, key).writeBinary(event)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish test event", e);
        }
        return eventId;
    }

    /** Every event of a type on its topic so far, decoded. */
    public static <T extends LifecycleEvent> List<T> read(Class<T> recordType, Duration quiet) {
        EventType type = Arrays.stream(EventType.values()).filter(t -> t.recordType() == recordType).findFirst()
                .orElseThrow();
        return TestKafka.readAll(type.topic(), quiet).stream().map(TestEvents::cloudEvent)
                .filter(e -> e != null && type.type().equals(e.getType()))
                .map(e -> recordType.cast(CODEC.decode(type.type(), e.getData().toBytes()))).toList();
    }

    public static EventCodec codec() {
        return CODEC;
    }

    /** The record as a CloudEvent, or null for one that is not (e.g. a test's deliberately broken envelope). */
    private static CloudEvent cloudEvent(ConsumerRecord<String, byte[]> record) {
        try {
            return KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            return null;
        }
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

    /** Waits briefly; for tests that must show that nothing happens. */
    public static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
