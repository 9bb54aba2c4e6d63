package dev.embargo.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.embargo.events.CloudEventHeaders;
import dev.embargo.events.EventCodec;
import dev.embargo.events.EventEnvelope;
import dev.embargo.events.InvalidEventException;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.platform.tracing.EventTracing;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Reads the topics of the service's {@link EventHandler}s and applies each event exactly once in effect: the event id
 * is recorded in the inbox in the transaction of the effect, and offsets are committed only after that transaction. An
 * event that keeps failing is published to the service's dead-letter topic ({@code <group>.dead-letter}) with a reason
 * and recorded in {@code dead_letter}; the partition then moves on. When the database is unreachable the event is
 * retried until it is back, never dead-lettered.
 */
@ApplicationScoped
public class EventConsumer {

    public static final String DLQ_REASON = "dlq-reason";
    public static final String DLQ_TOPIC = "dlq-original-topic";
    public static final String DLQ_PARTITION = "dlq-original-partition";
    public static final String DLQ_OFFSET = "dlq-original-offset";

    private final Instance<EventHandler> handlerBeans;
    private final EventDispatch dispatch;
    private final Inbox inbox;
    private final EventCodec codec;
    private final AgroalDataSource dataSource;
    private final ConsumerConfig config;
    private final MeterRegistry registry;
    private final EventTracing tracing;
    private final String bootstrapServers;
    private final String groupId;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> deadLetters;
    private Thread thread;

    EventConsumer(Instance<EventHandler> handlerBeans, EventDispatch dispatch, Inbox inbox, EventCodec codec,
            AgroalDataSource dataSource, ConsumerConfig config, MeterRegistry registry, EventTracing tracing,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.handlerBeans = handlerBeans;
        this.dispatch = dispatch;
        this.inbox = inbox;
        this.codec = codec;
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
        this.tracing = tracing;
        this.bootstrapServers = bootstrapServers;
        this.groupId = config.groupId().orElse(applicationName);
    }

    /** The dead-letter topic of this service. */
    public String deadLetterTopic() {
        return groupId + ".dead-letter";
    }

    void start(@Observes StartupEvent ignored) {
        List<EventHandler> handlers = handlerBeans.stream().toList();
        if (!config.enabled() || handlers.isEmpty()) {
            return;
        }
        Set<String> topics = new TreeSet<>();
        handlers.forEach(h -> topics.addAll(h.topics()));
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) config.apiTimeout().toMillis());
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName());
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        // Exposes kafka_consumer_fetch_manager_records_lag_max and friends: the operator's consumer-lag signal.
        new KafkaClientMetrics(consumer).bindTo(registry);
        deadLetters = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        running.set(true);
        thread = new Thread(() -> run(handlers, topics), "embargo-consumer-" + groupId);
        thread.setDaemon(true);
        thread.start();
        Log.infof("consuming %s as group %s", topics, groupId);
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        if (!running.getAndSet(false)) {
            return;
        }
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        deadLetters.close(Duration.ofSeconds(5));
    }

    private void run(List<EventHandler> handlers, Set<String> topics) {
        KafkaConsumer<String, byte[]> consumer = this.consumer;
        try (consumer) {
            consumer.subscribe(topics);
            while (running.get()) {
                try {
                    pollOnce(consumer, handlers);
                } catch (WakeupException e) {
                    if (running.get()) {
                        throw e;
                    }
                } catch (KafkaException e) {
                    // The broker or the group coordinator is away (a commit timed out) or the group rebalanced. The
                    // effects already applied are in the inbox, so whatever is read again is dropped there: wait and
                    // go on instead of letting the consumer thread die.
                    Log.warnf("event consumer of group %s: %s; retrying", groupId, e.getClass().getSimpleName());
                    sleep(config.outageBackoff());
                }
            }
        } catch (RuntimeException e) {
            Log.errorf("event consumer of group %s stopped: %s", groupId, e.getClass().getSimpleName());
            throw e;
        }
    }

    /**
     * Applies one poll's records and commits the offsets of those applied. If processing stops early (the service's own
     * infrastructure is down, or anything unexpected), every partition of the batch is rewound to its first record not
     * applied, so nothing is skipped.
     */
    private void pollOnce(KafkaConsumer<String, byte[]> consumer, List<EventHandler> handlers) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
        boolean outage = false;
        try {
            for (TopicPartition partition : records.partitions()) {
                for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                    if (outage || !process(record, handlers)) {
                        outage = true;
                        break;
                    }
                    applied.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
            }
        } finally {
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
                OffsetAndMetadata next = applied.get(partition);
                long resumeAt = next == null ? batch.get(0).offset() : next.offset();
                if (resumeAt <= batch.get(batch.size() - 1).offset()) {
                    rewind(consumer, partition, resumeAt);
                }
            }
        }
        if (!applied.isEmpty()) {
            consumer.commitSync(applied);
        }
        if (outage) {
            sleep(config.outageBackoff());
        }
    }

    private void rewind(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long offset) {
        try {
            consumer.seek(partition, offset);
        } catch (IllegalStateException e) {
            // The partition was revoked meanwhile; its new owner starts from the committed offset.
            Log.debugf("partition %s no longer assigned", partition);
        }
    }

    /** @return false when the event must be retried later because the service's own infrastructure is down */
    private boolean process(ConsumerRecord<String, byte[]> record, List<EventHandler> all) {
        String id = header(record, CloudEventHeaders.ID);
        String type = header(record, CloudEventHeaders.TYPE);
        if (id == null || type == null) {
            return deadLetter(record, id, type, "missing CloudEvents id or type header");
        }
        List<EventHandler> handlers = all.stream().filter(h -> h.topics().contains(record.topic()) && h.accepts(type))
                .toList();
        if (handlers.isEmpty()) {
            // Not ours, or a newer type this version does not know yet: skipping is what the contract allows.
            return true;
        }
        String source = header(record, CloudEventHeaders.SOURCE);
        var producer = dev.embargo.events.Topics.producerSource(record.topic());
        if (producer.isPresent() && !producer.get().equals(source)) {
            // Each topic has one producer; anything else in the cluster writing to it (say, a forged
            // project.membership-changed) is refused, whatever its payload says.
            return deadLetter(record, id, type, "unexpected source for topic " + record.topic());
        }
        LifecycleEvent event;
        EventEnvelope envelope;
        try {
            event = codec.decode(type, record.value());
            envelope = new EventEnvelope(id, type, headerOr(record, CloudEventHeaders.SOURCE, "unknown"),
                    parseTime(header(record, CloudEventHeaders.TIME)), event.subject());
        } catch (InvalidEventException e) {
            return deadLetter(record, id, type, "malformed event: " + e.getMessage());
        }
        RuntimeException last = null;
        long backoff = config.retryBackoff().toMillis();
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            Span span = tracing.startConsumerSpan(type, record.headers());
            try (Scope ignored = span.makeCurrent()) {
                dispatch.apply(envelope, event, handlers);
                registry.counter("embargo.events.consumed", "type", type).increment();
                return true;
            } catch (RuntimeException e) {
                span.setStatus(StatusCode.ERROR);
                if (!databaseReachable()) {
                    Log.warnf("database unreachable while applying event %s; will retry", id);
                    return false;
                }
                last = e;
                Log.warnf("event %s (%s) failed attempt %d: %s", id, type, attempt, e.getClass().getSimpleName());
                sleep(Duration.ofMillis(backoff));
                backoff *= 2;
            } finally {
                span.end();
            }
        }
        String reason = last instanceof RejectedEventException ? "rejected: " + last.getMessage()
                : "handler failed: " + last.getClass().getSimpleName();
        return deadLetter(record, id, type, reason);
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, String id, String type, String reason) {
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
            deadLetters.send(new ProducerRecord<>(deadLetterTopic(), null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
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

    private boolean databaseReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static Instant parseTime(String value) {
        try {
            return value == null ? Instant.EPOCH : Instant.parse(value);
        } catch (RuntimeException e) {
            throw new InvalidEventException("ce_time is not an RFC 3339 instant");
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String headerOr(ConsumerRecord<?, ?> record, String name, String fallback) {
        String value = header(record, name);
        return value == null ? fallback : value;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
