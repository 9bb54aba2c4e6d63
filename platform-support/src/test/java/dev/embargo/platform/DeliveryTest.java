package dev.embargo.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.embargo.events.CloudEventHeaders;
import dev.embargo.events.EventCodec;
import dev.embargo.events.ProjectRegistered;
import dev.embargo.events.Topics;
import dev.embargo.platform.inbox.EventConsumer;
import dev.embargo.platform.outbox.Outbox;
import dev.embargo.testing.TestKafka;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DeliveryTest {

    @Inject
    Outbox outbox;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    EventCodec codec;
    @Inject
    EventConsumer consumer;
    @Inject
    OpenTelemetry openTelemetry;
    @Inject
    MeterRegistry registry;

    static ProjectRegistered project(String id, String name) {
        return new ProjectRegistered(id, "p-" + id.substring(0, 8), name, null, Instant.now());
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void committedEventArrivesOnceAndRolledBackEventNever() {
        String committed = newId();
        String rolledBack = newId();
        QuarkusTransaction.requiringNew().run(() -> outbox.append(project(committed, "kept")));
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                outbox.append(project(rolledBack, "undone"));
                throw new IllegalStateException("the state change failed");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> effects(committed) == 1);
        List<ConsumerRecord<String, byte[]>> onTopic = TestKafka.readAll(Topics.INTAKE_PROJECTS, Duration.ofSeconds(2));
        assertEquals(1, onTopic.stream().filter(r -> r.key().equals(committed)).count());
        assertEquals(0, onTopic.stream().filter(r -> r.key().equals(rolledBack)).count());
        assertEquals(0, effects(rolledBack));
        var record = onTopic.stream().filter(r -> r.key().equals(committed)).findFirst().orElseThrow();
        assertEquals("project.registered.v1", header(record, CloudEventHeaders.TYPE));
        assertEquals("/intake-service", header(record, CloudEventHeaders.SOURCE));
        assertEquals(committed, header(record, CloudEventHeaders.SUBJECT));
    }

    @Test
    void aStateChangeSentWithItsEventIsWrittenWithItOrNotAtAll() {
        String committed = newId();
        String rolledBack = newId();
        String failing = newId();
        QuarkusTransaction.requiringNew()
                .run(() -> outbox.appendWith(effect("change:" + committed), project(committed, "with its change")));
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                outbox.appendWith(effect("change:" + rolledBack), project(rolledBack, "undone"));
                throw new IllegalStateException("the request failed after both were written");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }
        // The state change itself fails (subject is NOT NULL): the outbox row sent with it is not written either.
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> outbox.appendWith(effect(null), project(failing, "its change failed")));
        } catch (IllegalStateException expected) {
            // the statement failed and the transaction rolled back
        }
        assertEquals(1, effects("change:" + committed));
        await().atMost(20, TimeUnit.SECONDS).until(() -> effects(committed) == 1);
        assertEquals(0, effects("change:" + rolledBack));
        assertEquals(0, count("SELECT count(*) FROM outbox WHERE message_key = ?", rolledBack));
        assertEquals(0, count("SELECT count(*) FROM outbox WHERE message_key = ?", failing));
    }

    /** A state change of the test's own: one row in {@code effects} with this subject. */
    private static Outbox.StateChange effect(String subject) {
        return new Outbox.StateChange() {
            @Override
            public String sql() {
                return "INSERT INTO effects (subject, event_id) VALUES (?, 'state change')";
            }

            @Override
            public int bind(PreparedStatement statement) throws SQLException {
                statement.setString(1, subject);
                return 1;
            }
        };
    }

    @Test
    void traceContextOfTheStateChangeTravelsInTheEventHeaders() {
        String id = newId();
        Span span = openTelemetry.getTracer("test").spanBuilder("submit").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            QuarkusTransaction.requiringNew().run(() -> outbox.append(project(id, "traced")));
        } finally {
            span.end();
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> effects(id) == 1);
        var record = TestKafka.readAll(Topics.INTAKE_PROJECTS, Duration.ofSeconds(2)).stream()
                .filter(r -> r.key().equals(id)).findFirst().orElseThrow();
        String traceparent = header(record, "traceparent");
        assertNotNull(traceparent);
        assertTrue(traceparent.contains(span.getSpanContext().getTraceId()), traceparent);
    }

    @Test
    void brokerOutageLongerThanDeliveryTimeoutLosesAndDuplicatesNothing() throws Exception {
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> newId()).toList();
        TestKafka.stopBroker();
        try {
            for (String id : ids) {
                QuarkusTransaction.requiringNew().run(() -> outbox.append(project(id, "during-outage")));
            }
            // Outlast the producer's delivery timeout (3 s in tests) twice over while events keep queuing.
            Thread.sleep(7_000);
            assertTrue(unsent(ids) == ids.size(), "events wait in the outbox while the broker is down");
        } finally {
            TestKafka.startBroker();
        }
        await().atMost(90, TimeUnit.SECONDS).until(() -> ids.stream().allMatch(id -> effects(id) >= 1));
        Thread.sleep(1_000);
        for (String id : ids) {
            assertEquals(1, effects(id), "exactly one effect per event");
        }
        assertEquals(0, unsent(ids));
    }

    @Test
    void consumerGoesOnAfterAnOffsetCommitTimedOutWhileTheBrokerWasDown() throws Exception {
        String held = newId();
        RecordingHandler.release = new CountDownLatch(1);
        RecordingHandler.holding = false;
        QuarkusTransaction.requiringNew().run(() -> outbox.append(project(held, "hold")));
        await().atMost(20, TimeUnit.SECONDS).until(() -> RecordingHandler.holding);
        TestKafka.stopBroker();
        try {
            RecordingHandler.release.countDown();
            await().atMost(20, TimeUnit.SECONDS).until(() -> effects(held) == 1);
            // The offset commit that follows the effect times out (2 s in tests) while the broker is away.
            Thread.sleep(5_000);
        } finally {
            TestKafka.startBroker();
        }
        String after = newId();
        QuarkusTransaction.requiringNew().run(() -> outbox.append(project(after, "after the outage")));
        await().atMost(60, TimeUnit.SECONDS).until(() -> effects(after) == 1);
        assertEquals(1, effects(held), "the held event, read again after the failed commit, had one effect");
    }

    @Test
    void offsetsOfEventsTakingEffectOneByOneAreCommittedTogetherAndSoonAfterTheLast() throws Exception {
        double before = offsetCommits();
        int events = 8;
        for (int i = 0; i < events; i++) {
            String id = newId();
            QuarkusTransaction.requiringNew().run(() -> outbox.append(project(id, "one of several")));
            // Each takes effect before the next is sent, so each is read by a poll of its own.
            await().atMost(20, TimeUnit.SECONDS).until(() -> effects(id) == 1);
        }
        double commits = offsetCommits() - before;
        assertTrue(commits < events, "polls applying one event each shared offset commits, got " + commits);
        // With nothing more to read, what was applied is committed within the commit interval all the same.
        await().atMost(15, TimeUnit.SECONDS).until(this::groupCommittedTheEndOfItsTopic);
        // The count is read where the commits are: it saw them, so "fewer than eight" was not a missing meter's zero.
        assertTrue(offsetCommits() > before, "the commit that reached the end was counted");
    }

    /** The consumer's offset commits so far (the Kafka client's own count, as Micrometer exposes it). */
    private double offsetCommits() {
        var counters = registry.find("kafka.consumer.coordinator.commit.total").functionCounters();
        assertFalse(counters.isEmpty(), "the consumer's commit count is bound to the registry");
        return counters.stream().mapToDouble(FunctionCounter::count).sum();
    }

    private boolean groupCommittedTheEndOfItsTopic() throws Exception {
        try (Admin admin = Admin
                .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            var partitions = admin.describeTopics(List.of(Topics.INTAKE_PROJECTS)).allTopicNames().get()
                    .get(Topics.INTAKE_PROJECTS).partitions().stream()
                    .map(p -> new TopicPartition(Topics.INTAKE_PROJECTS, p.partition())).toList();
            var ends = admin
                    .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all()
                    .get();
            var committed = admin.listConsumerGroupOffsets(consumer.groupId()).partitionsToOffsetAndMetadata().get();
            return partitions.stream().allMatch(p -> ends.get(p).offset() == 0
                    || committed.get(p) != null && committed.get(p).offset() == ends.get(p).offset());
        }
    }

    @Test
    void sameEventDeliveredTwiceHasOneEffect() throws Exception {
        String id = newId();
        String eventId = newId();
        byte[] payload = codec.encode(project(id, "twice"));
        try (var producer = producer()) {
            producer.send(record(Topics.INTAKE_PROJECTS, id, eventId, "project.registered.v1", payload)).get();
            producer.send(record(Topics.INTAKE_PROJECTS, id, eventId, "project.registered.v1", payload)).get();
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> effects(id) == 1);
        String after = newId();
        QuarkusTransaction.requiringNew().run(() -> outbox.append(project(after, "after")));
        await().atMost(20, TimeUnit.SECONDS).until(() -> effects(after) == 1);
        assertEquals(1, effects(id));
    }

    @Test
    void eventsReadTogetherTakeEffectInOneTransaction() throws Exception {
        String key = newId();
        List<String> subjects = IntStream.range(0, 30).mapToObj(i -> newId()).toList();
        List<String> eventIds = IntStream.range(0, 30).mapToObj(i -> newId()).toList();
        holdTheConsumer(() -> {
            try (var producer = producer()) {
                for (int i = 0; i < subjects.size(); i++) {
                    producer.send(record(Topics.INTAKE_PROJECTS, key, eventIds.get(i), "project.registered.v1",
                            codec.encode(project(subjects.get(i), "together")))).get();
                }
            }
        });
        await().atMost(20, TimeUnit.SECONDS).until(() -> subjects.stream().allMatch(s -> effects(s) == 1));
        // processed_at is now(), the time its transaction began: one value per transaction that recorded them. The
        // broker may hand the consumer the first few while it is held, so "one or two" rather than exactly one.
        long transactions = Rows.count(dataSource,
                "SELECT count(DISTINCT processed_at) FROM inbox WHERE event_id = ANY (string_to_array(?, ','))",
                String.join(",", eventIds));
        assertTrue(transactions <= 3, transactions + " transactions for 30 events read together");
    }

    @Test
    void aRefusedEventAmongOthersReadTogetherIsDeadLetteredAloneAndTheOthersTakeEffectOnce() throws Exception {
        String key = newId();
        String first = newId();
        String last = newId();
        String firstEventId = newId();
        String poisonId = newId();
        holdTheConsumer(() -> {
            try (var producer = producer()) {
                producer.send(record(Topics.INTAKE_PROJECTS, key, firstEventId, "project.registered.v1",
                        codec.encode(project(first, "before the poison")))).get();
                producer.send(record(Topics.INTAKE_PROJECTS, key, poisonId, "project.registered.v1",
                        codec.encode(project(newId(), "poison")))).get();
                producer.send(record(Topics.INTAKE_PROJECTS, key, newId(), "project.registered.v1",
                        codec.encode(project(last, "after the poison")))).get();
                producer.send(record(Topics.INTAKE_PROJECTS, key, firstEventId, "project.registered.v1",
                        codec.encode(project(first, "before the poison")))).get();
            }
        });
        await().atMost(30, TimeUnit.SECONDS).until(() -> effects(first) == 1 && effects(last) == 1);
        List<ConsumerRecord<String, byte[]>> dead = TestKafka.readAll(consumer.deadLetterTopic(),
                Duration.ofSeconds(2));
        assertEquals(1, dead.stream().filter(r -> poisonId.equals(header(r, CloudEventHeaders.ID))).count());
        assertEquals(1, count("SELECT count(*) FROM dead_letter WHERE event_id = ?", poisonId));
        Thread.sleep(1_000);
        assertEquals(1, effects(first), "the event delivered twice had one effect");
        assertEquals(1, effects(last));
    }

    /** Blocks the consumer thread in a handler while {@code meanwhile} runs, so what it sends is read together. */
    private void holdTheConsumer(ThrowingRunnable meanwhile) throws Exception {
        String held = newId();
        RecordingHandler.release = new CountDownLatch(1);
        RecordingHandler.holding = false;
        QuarkusTransaction.requiringNew().run(() -> outbox.append(project(held, "hold")));
        await().atMost(20, TimeUnit.SECONDS).until(() -> RecordingHandler.holding);
        try {
            meanwhile.run();
        } finally {
            RecordingHandler.release.countDown();
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> effects(held) == 1);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void malformedAndRefusedEventsAreDeadLetteredAndTheNextIsProcessed() throws Exception {
        String key = newId();
        String malformedId = newId();
        String poisonId = newId();
        try (var producer = producer()) {
            producer.send(record(Topics.INTAKE_PROJECTS, key, malformedId, "project.registered.v1",
                    "{\"projectId\": 42}".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(record(Topics.INTAKE_PROJECTS, key, poisonId, "project.registered.v1",
                    codec.encode(project(key, "poison")))).get();
        }
        String next = key;
        QuarkusTransaction.requiringNew().run(() -> outbox.append(project(next, "healthy")));
        await().atMost(30, TimeUnit.SECONDS).until(() -> effects(next) == 1);

        List<ConsumerRecord<String, byte[]>> dead = TestKafka.readAll(consumer.deadLetterTopic(),
                Duration.ofSeconds(2));
        var malformed = dead.stream().filter(r -> malformedId.equals(header(r, CloudEventHeaders.ID))).findFirst()
                .orElseThrow();
        String reason = header(malformed, EventConsumer.DLQ_REASON);
        assertNotNull(reason);
        assertTrue(reason.startsWith("malformed event"), reason);
        assertEquals(Topics.INTAKE_PROJECTS, header(malformed, EventConsumer.DLQ_TOPIC));
        var poison = dead.stream().filter(r -> poisonId.equals(header(r, CloudEventHeaders.ID))).findFirst()
                .orElseThrow();
        assertEquals("rejected: project name refused by test handler", header(poison, EventConsumer.DLQ_REASON));
        assertEquals(2, deadLetterRows(malformedId, poisonId));
    }

    @Test
    void anEventFromAnotherSourceThanTheTopicsProducerIsDeadLetteredAndHasNoEffect() throws Exception {
        String forged = newId();
        String missing = newId();
        String forgedId = newId();
        String missingId = newId();
        try (var producer = producer()) {
            producer.send(record(Topics.INTAKE_PROJECTS, forged, forgedId, "project.registered.v1",
                    codec.encode(project(forged, "forged")), "/triage-service")).get();
            var noSource = record(Topics.INTAKE_PROJECTS, missing, missingId, "project.registered.v1",
                    codec.encode(project(missing, "no source")));
            noSource.headers().remove(CloudEventHeaders.SOURCE);
            producer.send(noSource).get();
        }
        String next = newId();
        QuarkusTransaction.requiringNew().run(() -> outbox.append(project(next, "genuine")));
        await().atMost(30, TimeUnit.SECONDS).until(() -> effects(next) == 1);

        List<ConsumerRecord<String, byte[]>> dead = TestKafka.readAll(consumer.deadLetterTopic(),
                Duration.ofSeconds(2));
        for (String eventId : List.of(forgedId, missingId)) {
            var record = dead.stream().filter(r -> eventId.equals(header(r, CloudEventHeaders.ID))).findFirst()
                    .orElseThrow();
            assertEquals("source is not the producer of intake.projects", header(record, EventConsumer.DLQ_REASON));
        }
        assertEquals(0, effects(forged) + effects(missing));
        assertEquals(2, deadLetterRows(forgedId, missingId));
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, String eventId, String type,
            byte[] payload) {
        return record(topic, key, eventId, type, payload, "/intake-service");
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, String eventId, String type,
            byte[] payload, String source) {
        var headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION,
                CloudEventHeaders.SPEC_VERSION_VALUE.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SOURCE, source.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TIME, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, key, payload, headers);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private long effects(String subject) {
        return count("SELECT count(*) FROM effects WHERE subject = ?", subject);
    }

    private long unsent(List<String> subjects) {
        return subjects.stream()
                .mapToLong(s -> count("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND message_key = ?", s))
                .sum();
    }

    private long deadLetterRows(String a, String b) {
        return count("SELECT count(*) FROM dead_letter WHERE event_id = ?", a)
                + count("SELECT count(*) FROM dead_letter WHERE event_id = ?", b);
    }

    private long count(String sql, String arg) {
        return Rows.count(dataSource, sql, arg);
    }
}
