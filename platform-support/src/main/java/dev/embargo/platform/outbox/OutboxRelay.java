package dev.embargo.platform.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.events.CloudEventHeaders;
import io.agroal.api.AgroalDataSource;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;

/**
 * Publishes outbox rows to Kafka and marks them sent. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * instances share the work without publishing a row twice at once; a row is marked sent only after the broker
 * acknowledged it ({@code acks=all}, idempotent producer). Anything that fails stays unsent and is retried on a later
 * run: a broker outage of any length delays events but loses none. A crash between publish and commit republishes,
 * which consumers absorb by deduplicating on the event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final TypeReference<Map<String, String>> TRACE_HEADERS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final OutboxConfig config;
    private final KafkaProducer<String, byte[]> producer;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Guard untilItWorks;
    private Thread worker;

    OutboxRelay(AgroalDataSource dataSource, OutboxConfig config, MeterRegistry registry, ObjectMapper json,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.dataSource = dataSource;
        this.config = config;
        this.json = json;
        int timeoutMs = (int) config.deliveryTimeout().toMillis();
        // Every kafka.* setting (bootstrap servers, security protocol, SASL, trust store), then the relay's own.
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId() + "-" + applicationName + "-outbox");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // A send waits this long for metadata only; a broker that is away then fails the run fast instead of holding
        // it.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(timeoutMs, 5_000));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
        Gauge.builder("embargo.outbox.backlog", this, OutboxRelay::backlog)
                .description("Outbox events not yet acknowledged by Kafka").register(registry);
        Gauge.builder("embargo.outbox.oldest.age.seconds", this, OutboxRelay::oldestAgeSeconds)
                .description("Age of the oldest unsent outbox event").register(registry);
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        // A run fails when the database is away (a broker outage only leaves rows unsent): the relay tries again a
        // poll interval later for as long as it runs; the rows wait, none is lost.
        untilItWorks = Guard.create().withDescription("outbox relay run").withRetry().maxRetries(-1)
                .delay(config.pollInterval().toMillis(), ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                .whenException(e -> running && e instanceof RuntimeException)
                .beforeRetry(e -> Log.warnf("outbox relay run failed, will retry: %s", e.getClass().getSimpleName()))
                .done().build();
        worker = Thread.ofPlatform().daemon().name("embargo-outbox-relay").start(this::loop);
    }

    /**
     * After a transaction that appended events committed (a rollback notifies nothing): the relay publishes at once
     * instead of at its next poll. The poll remains for rows committed by other instances and for retries.
     */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Appended ignored) {
        wake();
    }

    private void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    private void loop() {
        while (running) {
            try {
                wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                untilItWorks.get(this::drain, Integer.class);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Retries exhausted their time budget or the relay is stopping; the next poll starts afresh.
                Log.warnf("outbox relay run failed: %s", e.getClass().getSimpleName());
            }
        }
    }

    private int drain() {
        int claimed;
        do {
            claimed = relayOnce();
        } while (running && claimed == config.batchSize()); // a full batch means more may be waiting
        return claimed;
    }

    /**
     * Publishes one batch of unsent rows.
     *
     * @return how many rows were claimed
     */
    public int relayOnce() {
        return QuarkusTransaction.requiringNew().timeout((int) config.deliveryTimeout().toSeconds() + 30)
                .call(this::publishClaimedBatch);
    }

    private int publishClaimedBatch() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, topic, message_key, event_type, source, occurred_at, payload, headers FROM outbox"
                            + " WHERE sent_at IS NULL ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED")) {
                ps.setInt(1, config.batchSize());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row((UUID) rs.getObject(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getBytes(7),
                                traceHeaders(rs.getString(8))));
                    }
                }
            }
            if (rows.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
            for (Row row : rows) {
                try {
                    sends.add(producer.send(row.toRecord()));
                } catch (KafkaException e) {
                    // No metadata within max.block.ms: the broker is away, and the rest of the batch would block
                    // just as long. They stay queued for a later run.
                    break;
                }
            }
            List<UUID> sent = new ArrayList<>();
            List<UUID> failed = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (i < sends.size() && awaitAck(sends.get(i))) {
                    sent.add(rows.get(i).id());
                } else {
                    failed.add(rows.get(i).id());
                }
            }
            mark(c, "UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY (?)", sent);
            mark(c, "UPDATE outbox SET attempts = attempts + 1 WHERE id = ANY (?)", failed);
            if (!failed.isEmpty()) {
                Log.warnf("outbox relay: %d of %d events not acknowledged by Kafka; they stay queued", failed.size(),
                        rows.size());
            }
        }
        return rows.size();
    }

    private boolean awaitAck(Future<RecordMetadata> send) {
        try {
            send.get(config.deliveryTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void mark(Connection c, String sql, List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            ps.executeUpdate();
        }
    }

    double backlog() {
        return queryDouble("SELECT count(*) FROM outbox WHERE sent_at IS NULL");
    }

    double oldestAgeSeconds() {
        return queryDouble(
                "SELECT coalesce(extract(epoch FROM now() - min(occurred_at)), 0) FROM outbox WHERE sent_at IS NULL");
    }

    private double queryDouble(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getDouble(1) : 0;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        running = false;
        if (worker != null) {
            wake();
            worker.join(Duration.ofSeconds(10));
        }
        producer.close(Duration.ofSeconds(5));
    }

    private Map<String, String> traceHeaders(String jsonb) {
        try {
            return jsonb == null ? Map.of() : json.readValue(jsonb, TRACE_HEADERS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private record Row(UUID id, String topic, String key, String type, String source, Instant time, byte[] payload,
            Map<String, String> trace) {
        /** CloudEvents binary mode: the attributes as {@code ce_*} headers, the event's JSON as the value. */
        ProducerRecord<String, byte[]> toRecord() {
            var event = CloudEventBuilder.v1().withId(id.toString()).withType(type).withSource(URI.create(source))
                    .withTime(time.atOffset(ZoneOffset.UTC)).withSubject(key)
                    .withDataContentType(CloudEventHeaders.JSON).withData(payload).build();
            ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(topic, key).writeBinary(event);
            // W3C trace context goes in its own headers (traceparent, tracestate), where OpenTelemetry's Kafka
            // propagation looks, rather than as ce_ extension attributes.
            trace.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            return record;
        }
    }
}
