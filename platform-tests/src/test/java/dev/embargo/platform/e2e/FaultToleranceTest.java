package dev.embargo.platform.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.embargo.events.Topics;
import dev.embargo.platform.e2e.Platform.Service;
import dev.embargo.testing.MailTestResource;
import dev.embargo.testing.TestDatabase;
import dev.embargo.testing.TestEvents;
import dev.embargo.testing.TestKafka;

/**
 * The platform under faults, services as separate processes: a service killed mid-load, the Kafka broker down for a
 * minute, PostgreSQL restarted, a poison event. Every accepted report must reach triage and notification exactly once.
 * Each test prints accepted / delivered / lost / duplicated.
 */
class FaultToleranceTest {

    final Platform platform = Platform.get();
    final Api api = new Api(platform);

    @Test
    void hardKilledServicesLoseAndDoubleNothing() throws Exception {
        Load load = new Load(api, Duration.ofMillis(200), 200);
        Platform.sleep(4_000);
        platform.kill(Service.TRIAGE);
        Platform.sleep(2_000);
        platform.launch(Service.TRIAGE);
        Platform.sleep(4_000);
        platform.kill(Service.NOTIFICATION);
        platform.launch(Service.NOTIFICATION);
        platform.awaitReady(Service.TRIAGE, Duration.ofSeconds(120));
        platform.awaitReady(Service.NOTIFICATION, Duration.ofSeconds(120));
        Platform.sleep(3_000);
        load.close();
        verify("kill -9 triage and notification", load);
    }

    @Test
    void brokerDownForAMinuteUnderSteadySubmissionLosesNothing() throws Exception {
        Load load = new Load(api, Duration.ofMillis(500), 400);
        Platform.sleep(3_000);
        TestKafka.stopBroker();
        int acceptedBefore = load.accepted.size();
        int acceptedDuring;
        try {
            Platform.sleep(60_000);
        } finally {
            acceptedDuring = load.accepted.size() - acceptedBefore;
            TestKafka.startBroker();
        }
        Platform.sleep(5_000);
        load.close();
        // How many fit in the minute depends on how busy the machine is (at most 120); that intake went on accepting
        // with the broker away does not.
        assertTrue(acceptedDuring >= 10, "intake kept accepting while Kafka was down: " + acceptedDuring);
        verify("Kafka broker stopped 60 s", load);
    }

    @Test
    void postgresRestartGives503sAndLosesNoAcceptedReport() throws Exception {
        Load load = new Load(api, Duration.ofMillis(100), 400);
        Platform.sleep(3_000);
        TestDatabase.restart(Duration.ofSeconds(8));
        Platform.sleep(8_000);
        load.close();
        assertTrue(load.refusals.stream().allMatch(s -> s == 503),
                "while the database is down clients get 503, nothing else: " + load.refusals);
        // The pools recovered without a restart: new submissions are accepted again.
        var after = api.submit("pod",
                Api.report("After the restart " + load.run,
                        "Submitted after PostgreSQL came back, through the same service processes.",
                        "after-" + load.run + "@example.org", "Load Tester"));
        assertEquals(201, after.status());
        load.accepted.put(after.trackingId(), "after-" + load.run + "@example.org");
        verify("PostgreSQL restarted (8 s down)", load);
    }

    @Test
    void poisonEventIsDeadLetteredAndTheRestFlows() throws Exception {
        String poisonId = UUID.randomUUID().toString();
        TestEvents.publishRaw(Topics.INTAKE_REPORTS, "poison-" + poisonId, poisonId, "report.submitted.v1",
                "{\"reportId\": 7, \"sealedContent\": \"not sealed\"}".getBytes(StandardCharsets.UTF_8));
        var next = api.submit("pod",
                Api.report("After the poison " + poisonId,
                        "A normal report submitted right after a malformed event; it must still flow.",
                        "poison-" + poisonId.substring(0, 8) + "@example.org", "Load Tester"));
        assertEquals(201, next.status());
        await().atMost(60, TimeUnit.SECONDS).until(() -> count("triage", "cases", next.trackingId()) == 1);
        for (String service : new String[] { "triage-service", "notification-service" }) {
            await().atMost(60, TimeUnit.SECONDS)
                    .until(() -> TestKafka.readAll(service + ".dead-letter", Duration.ofSeconds(1)).stream()
                            .anyMatch(r -> poisonId.equals(header(r, "ce_id"))));
        }
        System.out.printf("poison event: accepted=1 delivered=1 lost=0 duplicated=0 dead-lettered=1 per consumer%n");
    }

    private void verify(String fault, Load load) {
        Map<String, String> accepted = load.accepted;
        assertFalse(accepted.isEmpty());
        await().atMost(180, TimeUnit.SECONDS).pollInterval(Duration.ofSeconds(2)).until(() -> accepted.keySet().stream()
                .allMatch(t -> count("triage", "cases", t) == 1 && count("notification", "tracked_report", t) == 1));
        await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofSeconds(2))
                .until(() -> accepted.values().stream().allMatch(e -> mailsTo(e) >= 1));
        Platform.sleep(3_000);
        long lost = accepted.keySet().stream().filter(t -> count("triage", "cases", t) == 0).count();
        long duplicated = accepted.values().stream().filter(e -> mailsTo(e) > 1).count();
        System.out.printf("%s: tried=%d accepted=%d refused=%d delivered=%d lost=%d duplicated=%d%n", fault,
                load.tried(), accepted.size(), load.refusals.size(), accepted.size() - lost, lost, duplicated);
        assertEquals(0, lost, "lost");
        assertEquals(0, duplicated, "reporters acknowledged more than once");
    }

    private static long mailsTo(String address) {
        return Arrays.stream(MailTestResource.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

    static long count(String schema, String table, String trackingId) {
        try (Connection c = TestDatabase.superuser().getConnection(); PreparedStatement ps = c
                .prepareStatement("SELECT count(*) FROM " + schema + "." + table + " WHERE tracking_id = ?")) {
            ps.setString(1, trackingId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
