package dev.embargo.platform.inbox;

import static org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG;
import static org.apache.kafka.clients.consumer.ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG;
import static org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG;
import static org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG;
import static org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG;
import static org.apache.kafka.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG;
import static org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG;
import static org.apache.kafka.clients.consumer.ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
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

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.embargo.events.EventCodec;
import dev.embargo.events.EventEnvelope;
import dev.embargo.events.InvalidEventException;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.events.Topics;
import io.agroal.api.AgroalDataSource;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;

/**
 * Reads the topics of the service's {@link EventHandler}s and applies each event exactly once in effect: the event id
 * is recorded in the inbox in the transaction of the effect, and offsets are committed only after that transaction. The
 * consecutive events of one poll and partition are applied in one transaction (one commit, one inbox statement); if
 * that transaction fails they are applied one at a time, so a bad event never holds back its neighbours. An event that
 * keeps failing is published to the service's dead-letter topic ({@code <group>.dead-letter}) with a reason and
 * recorded in {@code dead_letter}; the partition then moves on. When the database is unreachable the event is retried
 * until it is back, never dead-lettered.
 * <p>
 * The inbox, not the committed offset, says what has been applied, so offsets are committed at most once per
 * {@code commit-interval} rather than after every poll: whatever a crash makes the group read again is dropped by the
 * inbox. They are committed at once after a dead-letter (which the inbox does not hold), for partitions being revoked,
 * and when the consumer stops.
 */
@ApplicationScoped
public class EventConsumer {

    public static final String DLQ_REASON = "dlq-reason";
    public static final String DLQ_TOPIC = "dlq-original-topic";
    public static final String DLQ_PARTITION = "dlq-original-partition";
    public static final String DLQ_OFFSET = "dlq-original-offset";
    private static final URI UNKNOWN_SOURCE = URI.create("unknown");

    private final Instance<EventHandler> handlerBeans;
    private final EventDispatch dispatch;
    private final Inbox inbox;
    private final EventCodec codec;
    private final AgroalDataSource dataSource;
    private final ConsumerConfig config;
    private final MeterRegistry registry;
    /** Every {@code kafka.*} setting (bootstrap servers, security protocol, SASL, trust store), as Quarkus reads it. */
    private final Map<String, Object> kafka;
    private final String groupId;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private DeadLetters deadLetters;
    /** Bounded attempts at one event, with exponential backoff, before it is dead-lettered. */
    private Guard attempts;
    /** Waits out an outage of the database or the broker for as long as the consumer runs; never dead-letters. */
    private Guard untilBack;
    private Thread thread;
    /** Offsets applied but not committed yet, and when they are due; the consumer thread's alone. */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private long commitDueNanos;
    /** An event of the current poll went to the dead-letter topic: its offset is committed with the poll's. */
    private boolean deadLettered;

    EventConsumer(Instance<EventHandler> handlerBeans, EventDispatch dispatch, Inbox inbox, EventCodec codec,
            AgroalDataSource dataSource, ConsumerConfig config, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.handlerBeans = handlerBeans;
        this.dispatch = dispatch;
        this.inbox = inbox;
        this.codec = codec;
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
        this.kafka = kafka;
        this.groupId = config.groupId().orElse(applicationName);
    }

    /** The consumer group this service reads in. */
    public String groupId() {
        return groupId;
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
        p.putAll(kafka);
        p.put(GROUP_ID_CONFIG, groupId);
        p.put(ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(MAX_POLL_RECORDS_CONFIG, config.batchSize());
        p.put(DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.apiTimeout().toMillis());
        p.put(KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        // Exposes kafka_consumer_fetch_manager_records_lag_max and friends: the operator's consumer-lag signal.
        new KafkaClientMetrics(consumer).bindTo(registry);
        deadLetters = new DeadLetters(deadLetterTopic(), kafka, inbox, registry);
        attempts = Guard.create().withDescription("event attempts").withRetry().maxRetries(config.maxAttempts() - 1)
                .delay(config.retryBackoff().toMillis(), ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                .abortOn(Unavailable.class).withExponentialBackoff().factor(2).done().done().build();
        untilBack = Guard.create().withDescription("event consumer outage").withRetry().maxRetries(-1)
                .maxDuration(36_500, ChronoUnit.DAYS).delay(config.outageBackoff().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS).whenException(e -> running.get() && isOutage(e)).beforeRetry(e -> {
                    if (!(e instanceof Unavailable)) {
                        // The broker or the group coordinator is away (a commit timed out) or the group rebalanced.
                        // The effects already applied are in the inbox, so whatever is read again is dropped there.
                        Log.warnf("event consumer of group %s: %s; retrying", groupId, e.getClass().getSimpleName());
                    }
                }).done().build();
        running.set(true);
        thread = new Thread(() -> run(handlers, topics), "embargo-consumer-" + groupId);
        thread.setDaemon(true);
        thread.start();
        Log.infof("consuming %s as group %s", topics, groupId);
    }

    private static boolean isOutage(Throwable e) {
        return e instanceof Unavailable || e instanceof KafkaException && !(e instanceof WakeupException);
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        if (!running.getAndSet(false)) {
            return;
        }
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        deadLetters.close();
    }

    private void run(List<EventHandler> handlers, Set<String> topics) {
        KafkaConsumer<String, byte[]> consumer = this.consumer;
        try (consumer) {
            consumer.subscribe(topics, new CommitOnRevoke(consumer));
            while (running.get()) {
                try {
                    untilBack.get(() -> pollOnce(consumer, handlers), Integer.class);
                } catch (WakeupException e) {
                    if (running.get()) {
                        throw e;
                    }
                }
            }
            commitUncommitted(consumer, List.copyOf(uncommitted.keySet()), "stopping");
        } catch (RuntimeException e) {
            Log.errorf("event consumer of group %s stopped: %s", groupId, e.getClass().getSimpleName());
            throw e;
        }
    }

    /**
     * Applies one poll's records and commits their offsets when due. If processing stops early because the service's
     * own infrastructure is down, every partition of the batch is rewound to its first record not applied, so nothing
     * is skipped, and {@link Unavailable} tells the caller to wait and poll again.
     *
     * @return how many records were applied
     */
    private int pollOnce(KafkaConsumer<String, byte[]> consumer, List<EventHandler> handlers) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
            commitIfDue(consumer, false);
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
        deadLettered = false;
        boolean outage = false;
        int total = 0;
        try {
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
                int done = applyInOrder(batch, handlers);
                total += done;
                if (done > 0) {
                    applied.put(partition, new OffsetAndMetadata(batch.get(done - 1).offset() + 1));
                }
                if (done < batch.size()) {
                    outage = true;
                    break;
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
        uncommitted.putAll(applied);
        commitIfDue(consumer, deadLettered || outage);
        if (outage) {
            throw new Unavailable();
        }
        return total;
    }

    /**
     * Commits the applied offsets when the interval since the last commit has passed, or at once when {@code now}. A
     * commit that fails keeps them for the next one; the failure goes to the caller's outage handling.
     */
    private void commitIfDue(KafkaConsumer<String, byte[]> consumer, boolean now) {
        if (uncommitted.isEmpty() || !now && System.nanoTime() - commitDueNanos < 0) {
            return;
        }
        consumer.commitSync(uncommitted);
        uncommitted.clear();
        commitDueNanos = System.nanoTime() + config.commitInterval().toNanos();
    }

    /** Commits what was applied of these partitions, if anything; a failure only means the inbox drops more later. */
    private void commitUncommitted(KafkaConsumer<String, byte[]> consumer, Collection<TopicPartition> partitions,
            String why) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach(p -> {
            OffsetAndMetadata offset = uncommitted.remove(p);
            if (offset != null) {
                offsets.put(p, offset);
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        for (int attempt = 1;; attempt++) {
            try {
                consumer.commitSync(offsets, config.apiTimeout());
                return;
            } catch (WakeupException e) {
                if (attempt == 1) {
                    continue; // the wake-up that stops the consumer, not yet taken by a poll: it is taken now
                }
                Log.debugf("event consumer of group %s woken twice while %s", groupId, why);
                return;
            } catch (KafkaException e) {
                Log.debugf("event consumer of group %s could not commit while %s: %s", groupId, why,
                        e.getClass().getSimpleName());
                return;
            }
        }
    }

    /** Partitions that go to another member take their applied offsets with them, so it reads little again. */
    private final class CommitOnRevoke implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> consumer;

        CommitOnRevoke(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitUncommitted(consumer, partitions, "giving up partitions");
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Reading starts from the committed offsets; nothing to do.
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another member may own them already: committing could move its offsets back.
            partitions.forEach(uncommitted::remove);
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

    /** What reading one record gave: an event to apply, nothing to do, or a reason to dead-letter it. */
    private sealed interface Read {
    }

    private record Apply(EventDispatch.Delivery delivery, ConsumerRecord<String, byte[]> record) implements Read {
    }

    private record Skip() implements Read {
    }

    private record Refuse(String id, String type, String reason) implements Read {
    }

    /**
     * Applies one partition's records in their order. Consecutive events are applied together in one transaction; if
     * that fails for a reason other than an outage, they are applied one at a time, so that only the event at fault is
     * retried and dead-lettered.
     *
     * @return how many records, from the first, were applied, skipped or dead-lettered; fewer than all when the
     *         service's own infrastructure went away
     */
    private int applyInOrder(List<ConsumerRecord<String, byte[]>> records, List<EventHandler> handlers) {
        List<Apply> run = new ArrayList<>();
        int done = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            Read read = read(record, handlers);
            if (read instanceof Apply apply) {
                run.add(apply);
                continue;
            }
            int ran = applyRun(run);
            done += ran;
            if (ran < run.size()) {
                return done;
            }
            run.clear();
            if (read instanceof Refuse r) {
                if (!deadLetters.send(record, r.id(), r.type(), r.reason())) {
                    return done;
                }
                deadLettered = true;
            }
            done++;
        }
        return done + applyRun(run);
    }

    private Read read(ConsumerRecord<String, byte[]> record, List<EventHandler> all) {
        CloudEvent cloudEvent;
        try {
            // A missing source is read as "unknown", which no topic's producer is: refused below with that reason.
            cloudEvent = KafkaMessageFactory.createReader(record)
                    .read(version -> CloudEventBuilder.fromSpecVersion(version).withSource(UNKNOWN_SOURCE));
        } catch (IllegalStateException e) {
            return new Refuse(null, null, "missing CloudEvents id or type header");
        } catch (CloudEventRWException e) {
            // The SDK's message may quote a header value; the reason names the rule only.
            return new Refuse(null, null, "malformed event: not a CloudEvents 1.0 binary-mode envelope");
        }
        String id = cloudEvent.getId();
        String type = cloudEvent.getType();
        List<EventHandler> handlers = all.stream().filter(h -> h.topics().contains(record.topic()) && h.accepts(type))
                .toList();
        if (handlers.isEmpty()) {
            // Not ours, or a newer type this version does not know yet: skipping is what the contract allows.
            return new Skip();
        }
        String source = cloudEvent.getSource().toString();
        if (Topics.producer(record.topic()).filter(producer -> !producer.equals(source)).isPresent()) {
            return new Refuse(id, type, "source is not the producer of " + record.topic());
        }
        try {
            LifecycleEvent event = codec.decode(type,
                    cloudEvent.getData() == null ? null : cloudEvent.getData().toBytes());
            Instant time = cloudEvent.getTime() == null ? Instant.EPOCH : cloudEvent.getTime().toInstant();
            var envelope = new EventEnvelope(id, type, source, time, event.subject());
            return new Apply(new EventDispatch.Delivery(envelope, event, handlers, record.headers()), record);
        } catch (InvalidEventException e) {
            return new Refuse(id, type, "malformed event: " + e.getMessage());
        }
    }

    /** @return how many of the run, from the first, were applied; fewer than all during an outage */
    private int applyRun(List<Apply> run) {
        if (run.size() > 1) {
            try {
                applyTogether(run.stream().map(Apply::delivery).toList());
                return run.size();
            } catch (Unavailable e) {
                Log.warnf("database unreachable while applying %d events; will retry", run.size());
                return 0;
            } catch (RuntimeException e) {
                Log.debugf("a batch of %d events failed (%s); applying them one at a time", run.size(),
                        e.getClass().getSimpleName());
            }
        }
        for (int i = 0; i < run.size(); i++) {
            if (!applyAlone(run.get(i))) {
                return i;
            }
        }
        return run.size();
    }

    /** @return false when the event must be retried later because the service's own infrastructure is down */
    private boolean applyAlone(Apply apply) {
        var d = apply.delivery();
        try {
            attempts.get(() -> applyTogether(List.of(d)), Integer.class);
            return true;
        } catch (Unavailable e) {
            Log.warnf("database unreachable while applying event %s; will retry", d.envelope().id());
            return false;
        } catch (RuntimeException e) {
            String reason = e instanceof RejectedEventException ? "rejected: " + e.getMessage()
                    : "handler failed: " + e.getClass().getSimpleName();
            boolean sent = deadLetters.send(apply.record(), d.envelope().id(), d.envelope().type(), reason);
            deadLettered |= sent;
            return sent;
        }
    }

    private int applyTogether(List<EventDispatch.Delivery> deliveries) {
        try {
            int applied = dispatch.apply(deliveries);
            for (var d : deliveries) {
                registry.counter("embargo.events.consumed", "type", d.envelope().type()).increment();
            }
            return applied;
        } catch (RuntimeException e) {
            if (!databaseReachable()) {
                // Not the events' fault: no attempt is spent on them, they wait for the database instead.
                throw new Unavailable();
            }
            if (deliveries.size() == 1) {
                var envelope = deliveries.get(0).envelope();
                Log.warnf("event %s (%s) failed: %s", envelope.id(), envelope.type(), e.getClass().getSimpleName());
            }
            throw e;
        }
    }

    private boolean databaseReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The service's own infrastructure (its database, the broker) is away: wait and try again, drop nothing. */
    private static final class Unavailable extends RuntimeException {
        Unavailable() {
            super(null, null, false, false);
        }
    }
}
