package dev.embargo.platform.inbox;

import static dev.embargo.platform.inbox.EventConsumer.DLQ_OFFSET;
import static dev.embargo.platform.inbox.EventConsumer.DLQ_PARTITION;
import static dev.embargo.platform.inbox.EventConsumer.DLQ_REASON;
import static dev.embargo.platform.inbox.EventConsumer.DLQ_TOPIC;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.embargo.events.CloudEventHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * The service's dead-letter channel: the given-up record as it came (CloudEvents headers and value, never decoded
 * content in a header), the reason and where it lay, on {@code <group>.dead-letter}, plus a {@code dead_letter} row.
 */
final class DeadLetters implements AutoCloseable {

    private final String topic;
    private final Inbox inbox;
    private final MeterRegistry registry;
    private final KafkaProducer<String, byte[]> producer;

    DeadLetters(String topic, Map<String, Object> kafka, Inbox inbox, MeterRegistry registry) {
        this.topic = topic;
        this.inbox = inbox;
        this.registry = registry;
        Map<String, Object> props = new HashMap<>(kafka);
        props.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        this.producer = new KafkaProducer<>(props);
    }

    /** @return false when it could not be dead-lettered yet (the broker or the database is away): try again later */
    boolean send(ConsumerRecord<String, byte[]> record, String id, String type, String reason) {
        var headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (h.key().startsWith("ce_") || h.key().equals(CloudEventHeaders.CONTENT_TYPE)) {
                headers.add(h);
            }
        }
        headers.add(DLQ_REASON, bytes(reason));
        headers.add(DLQ_TOPIC, bytes(record.topic()));
        headers.add(DLQ_PARTITION, bytes(String.valueOf(record.partition())));
        headers.add(DLQ_OFFSET, bytes(String.valueOf(record.offset())));
        try {
            producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)).get(30,
                    TimeUnit.SECONDS);
            inbox.recordDeadLetter(id, type, record.topic(), record.partition(), record.offset(), reason);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Log.warnf("could not dead-letter %s/%d@%d yet: %s", record.topic(), record.partition(), record.offset(),
                    e.getClass().getSimpleName());
            return false;
        }
        registry.counter("embargo.events.dead.lettered", "topic", record.topic()).increment();
        Log.warnf("dead-lettered %s/%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        return true;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
