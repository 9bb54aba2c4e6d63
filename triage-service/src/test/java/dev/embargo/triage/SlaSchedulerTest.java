package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.triage.cases.Case;
import dev.embargo.triage.cases.Cases;
import dev.embargo.triage.deadlines.SlaScheduler;
import dev.embargo.triage.sla.MilestoneKind;
import dev.embargo.triage.sla.Severity;
import dev.embargo.triage.sla.SlaPlan;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SlaSchedulerTest {

    @Inject
    SlaScheduler scheduler;
    @Inject
    Cases cases;
    @Inject
    Ciphers ciphers;

    /** Only an acknowledge clock of one hour. */
    private static final SlaPlan ONE_HOUR_ACK = new SlaPlan() {
        @Override
        public Optional<Instant> due(MilestoneKind kind, Severity severity, Instant start) {
            return kind == MilestoneKind.ACKNOWLEDGE ? Optional.of(start.plus(Duration.ofHours(1))) : Optional.empty();
        }

        @Override
        public double warningFraction() {
            return 0.5;
        }

        @Override
        public Optional<Integer> silenceDays() {
            return Optional.empty();
        }
    };

    @Test
    void twoConcurrentRunsOver200DueMilestonesEmitExactly200Breaches() throws Exception {
        String prefix = "SLA" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 200; i++) {
                Case c = Case.open(UUID.randomUUID().toString(), prefix + "-2026-" + (1000 + i), "p-" + prefix,
                        prefix.toLowerCase(), 1, "0".repeat(64), null, now.minus(Duration.ofHours(2)), ONE_HOUR_ACK);
                c.seal(new byte[] { 1 }, null);
                cases.add(c);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SlaScheduler.Tick>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return scheduler.tick(now);
            }));
        }
        start.countDown();
        for (var run : runs) {
            // Counts of a run cover every due milestone in the schema; the outbox below is what must hold.
            run.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        String mine = "message_key IN (SELECT id FROM triage.cases WHERE tracking_id LIKE ?)";
        assertEquals(200, Rows.count(
                "SELECT count(*) FROM triage.outbox WHERE event_type = 'sla.breached.v1' AND " + mine, prefix + "-%"));
        assertEquals(200,
                Rows.count(
                        "SELECT count(DISTINCT convert_from(payload, 'UTF8')::jsonb->>'milestoneId')"
                                + " FROM triage.outbox WHERE event_type = 'sla.breached.v1' AND " + mine,
                        prefix + "-%"));

        // A third run finds nothing left to breach for these cases.
        scheduler.tick(now.plusSeconds(60));
        assertEquals(200, Rows.count(
                "SELECT count(*) FROM triage.outbox WHERE event_type = 'sla.breached.v1' AND " + mine, prefix + "-%"));
    }

    @Test
    void aWarningGoesOutOnceAtTheConfiguredFraction() {
        var p = Fixtures.project();
        Instant submitted = Instant.now();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE, submitted);
        // acknowledge: 72 h, warning fraction 0.5 -> warning after 36 h, nothing before
        scheduler.tick(submitted.plus(Duration.ofHours(35)));
        assertEquals(List.of(), Rows.eventTypes(r.caseId()));
        scheduler.tick(submitted.plus(Duration.ofHours(37)));
        scheduler.tick(submitted.plus(Duration.ofHours(38)));
        assertEquals(List.of("sla.warning.v1"), Rows.eventTypes(r.caseId()));
    }

    @Test
    void needsInfoPausesTheClocksAndTheReplyResumesThem() {
        var p = Fixtures.project();
        Instant submitted = Instant.now();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE, submitted);
        given().auth().oauth2(p.token()).contentType("application/json").body(Map.of("action", "REQUEST_INFO"))
                .post("/api/v1/cases/" + r.caseId() + "/transitions").then().statusCode(200);
        // Far past the acknowledge deadline, but the case waits for the reporter: no warning, no breach.
        scheduler.tick(submitted.plus(Duration.ofDays(5)));
        assertEquals(List.of("case.needs-info.v1"), Rows.eventTypes(r.caseId()));

        given().header("X-Report-Token", r.reportToken()).contentType("application/json")
                .body(Map.of("text", "here is the PoC")).post("/api/v1/reporter/cases/" + r.trackingId() + "/messages")
                .then().statusCode(201);
        given().auth().oauth2(p.token()).get("/api/v1/cases/" + r.caseId()).then().statusCode(200)
                .body("state", equalTo("NEW"))
                .body("milestones.find { it.kind == 'ACKNOWLEDGE' }.paused", equalTo(false));
        scheduler.tick(Instant.now().plus(Duration.ofHours(73)));
        assertEquals(List.of("case.needs-info.v1", "case.message-posted.v1", "sla.breached.v1"),
                Rows.eventTypes(r.caseId()));
        given().auth().oauth2(p.token()).queryParam("project", p.slug()).queryParam("sla", "BREACHED")
                .get("/api/v1/cases").then().statusCode(200).body("id", org.hamcrest.Matchers.contains(r.caseId()));
    }

    @Test
    void dueMilestonesAreFoundThroughThePartialIndexOnDueAt() {
        // With sequential scans priced out, the planner avoids one only if the partial index matches the query.
        String plan = Rows.explainWithoutSeqScan("SELECT m.id FROM triage.milestones m"
                + " WHERE m.due_at <= now() AND m.settled_at IS NULL AND m.breached_at IS NULL"
                + " ORDER BY m.due_at LIMIT 100 FOR UPDATE OF m SKIP LOCKED");
        org.junit.jupiter.api.Assertions.assertTrue(plan.contains("milestones_due"), plan);
    }

    @Test
    void aCaseWaitingPastTheSilenceLimitIsClosedAsInformative() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        given().auth().oauth2(p.token()).contentType("application/json").body(Map.of("action", "REQUEST_INFO"))
                .post("/api/v1/cases/" + r.caseId() + "/transitions").then().statusCode(200);
        scheduler.tick(Instant.now().plus(Duration.ofDays(13)));
        given().auth().oauth2(p.token()).get("/api/v1/cases/" + r.caseId()).then().body("state", equalTo("NEEDS_INFO"));
        scheduler.tick(Instant.now().plus(Duration.ofDays(14)).plusSeconds(60));
        given().auth().oauth2(p.token()).get("/api/v1/cases/" + r.caseId()).then().body("state", equalTo("CLOSED"))
                .body("resolution", equalTo("INFORMATIVE"));
        // The run a day before the limit reminded the reporter (a message in their thread) before it closed.
        assertEquals(List.of("case.needs-info.v1", "case.message-posted.v1", "case.closed.v1"),
                Rows.eventTypes(r.caseId()));
    }
}
