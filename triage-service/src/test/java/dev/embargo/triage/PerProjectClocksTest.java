package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.triage.deadlines.SlaScheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 14: on a case that spans projects, each affected project's SLA clocks come from its own policy, the case's SLA
 * view shows each project's, and a breach of one project's clock is that project's.
 */
@QuarkusTest
class PerProjectClocksTest {

    @Inject
    Ciphers ciphers;
    @Inject
    SlaScheduler scheduler;

    @Test
    void aCaseReportedToFimAndAddedToPodCarriesBothPoliciesClocksAndABreachOfPodsIsPods() {
        var fim = Fixtures.project(ShippedPolicies.fim());
        var pod = Fixtures.project(ShippedPolicies.pod());
        // The FIM maintainer maintains the lead project; Pod's maintainers see the case once Pod is added.
        var r = Fixtures.report(ciphers, fim, ReportContent.Visibility.NONE);
        String c = "/api/v1/cases/" + r.caseId();
        as(fim).body(Map.of("action", "ACKNOWLEDGE")).post(c + "/transitions").then().statusCode(200);
        Instant added = Instant.now();
        as(fim).body(Map.of("projectSlug", pod.slug())).post(c + "/projects").then().statusCode(201);

        JsonPath detail = as(fim).get(c).then().statusCode(200).extract().jsonPath();
        // FIM: "Within 48 hours (business days)" (settled by the acknowledgement) and "Within 5 business days".
        assertEquals(List.of("ACKNOWLEDGE", "ASSESS"), kinds(detail, fim.slug()));
        // Pod: "We will acknowledge your report within 72 hours"; no assessment target, no disclosure deadline.
        assertEquals(List.of("ACKNOWLEDGE"), kinds(detail, pod.slug()));
        Instant podAckDue = Instant.parse(detail
                .getString("milestones.find { it.project == '" + pod.slug() + "' && it.kind == 'ACKNOWLEDGE' }.dueAt"));
        Duration afterAdding = Duration.between(added, podAckDue);
        assertEquals(72, afterAdding.toHours(), afterAdding.toString());
        // Neither policy states a disclosure deadline: no DISCLOSE clock for anyone.
        as(fim).get(c).then().body("milestones.findAll { it.kind == 'DISCLOSE' }", empty());

        // Pod's maintainers see the same case with both projects' clocks.
        as(pod).get(c).then().statusCode(200).body("milestones.project",
                containsInAnyOrder(fim.slug(), fim.slug(), pod.slug()));

        // 73 hours later Pod has not answered: Pod's acknowledgement breaches, and it is Pod's.
        scheduler.tick(podAckDue.plus(Duration.ofHours(1)));
        List<String> breaches = Rows.strings(
                "SELECT convert_from(payload, 'UTF8') FROM triage.outbox"
                        + " WHERE event_type = 'sla.breached.v1' AND convert_from(payload, 'UTF8') LIKE ?",
                "%" + r.caseId() + "%");
        List<String> pods = breaches.stream().filter(b -> b.contains("\"ACKNOWLEDGE\"")).toList();
        assertEquals(1, pods.size(), breaches.toString());
        assertEquals(pod.slug(), JsonPath.from(pods.get(0)).getString("projectSlug"));
        as(fim).get(c).then()
                .body("milestones.find { it.project == '" + pod.slug() + "' && it.kind == 'ACKNOWLEDGE' }.breachedAt",
                        notNullValue())
                .body("milestones.find { it.project == '" + fim.slug() + "' && it.kind == 'ACKNOWLEDGE' }.breachedAt",
                        nullValue());
    }

    @Test
    void criticalStartsPodsFourteenDayFixClockAndNoneForFimWhoseTextSaysOnlyAsap() {
        var fim = Fixtures.project(ShippedPolicies.fim());
        var pod = Fixtures.project(ShippedPolicies.pod());
        var r = Fixtures.report(ciphers, fim, ReportContent.Visibility.NONE);
        String c = "/api/v1/cases/" + r.caseId();
        as(fim).body(Map.of("projectSlug", pod.slug())).post(c + "/projects").then().statusCode(201);
        as(fim).body(Map.of("action", "ACKNOWLEDGE")).post(c + "/transitions").then().statusCode(200);
        Instant triaged = Instant.now();
        as(fim).body(Map.of("action", "TRIAGE", "severity", "CRITICAL")).post(c + "/transitions").then()
                .statusCode(200);
        JsonPath detail = as(fim).get(c).then().extract().jsonPath();
        // FIM: "critical: ASAP" has no number, so no fix clock; Pod: "within 14 days for critical issues".
        assertEquals(List.of("ACKNOWLEDGE", "ASSESS"), kinds(detail, fim.slug()));
        assertEquals(List.of("ACKNOWLEDGE", "FIX"), kinds(detail, pod.slug()));
        Instant podFixDue = Instant.parse(
                detail.getString("milestones.find { it.project == '" + pod.slug() + "' && it.kind == 'FIX' }.dueAt"));
        assertEquals(14, Duration.between(triaged, podFixDue).toDays());
        // The lead's acknowledgement does not answer for Pod: Pod's own clock is still running.
        org.junit.jupiter.api.Assertions.assertNull(detail.<Object> get(
                "milestones.find { it.project == '" + pod.slug() + "' && it.kind == 'ACKNOWLEDGE' }.settledAt"));
    }

    @Test
    void eachProjectsClocksSettleWithItsOwnStatusAndTheReporterSeesTheLeadsPromises() {
        var fim = Fixtures.project(ShippedPolicies.fim());
        var pod = Fixtures.project(ShippedPolicies.pod());
        var r = Fixtures.report(ciphers, fim, ReportContent.Visibility.NONE);
        String c = "/api/v1/cases/" + r.caseId();
        as(fim).body(Map.of("projectSlug", pod.slug())).post(c + "/projects").then().statusCode(201);
        as(fim).body(Map.of("action", "ACKNOWLEDGE")).post(c + "/transitions").then().statusCode(200);
        Instant triaged = Instant.now();
        as(fim).body(Map.of("action", "TRIAGE", "severity", "HIGH")).post(c + "/transitions").then().statusCode(200);
        JsonPath detail = as(fim).get(c).then().extract().jsonPath();
        // FIM: "high: 2 weeks"; Pod states no target for high.
        assertEquals(List.of("ACKNOWLEDGE", "ASSESS", "FIX"), kinds(detail, fim.slug()));
        assertEquals(List.of("ACKNOWLEDGE"), kinds(detail, pod.slug()));
        Instant fimFixDue = Instant.parse(
                detail.getString("milestones.find { it.project == '" + fim.slug() + "' && it.kind == 'FIX' }.dueAt"));
        assertEquals(14, Duration.between(triaged, fimFixDue).toDays());
        // Pod says it is fixed: its own clocks settle, FIM's fix clock keeps running.
        as(pod).body(Map.of("status", "FIXED", "fixedVersions", "0.0.13")).put(c + "/projects/" + pod.slug()).then()
                .statusCode(200)
                .body("milestones.findAll { it.project == '" + pod.slug() + "' && it.settledAt == null }", empty())
                .body("milestones.findAll { it.project == '" + fim.slug() + "' && it.settledAt == null }.kind",
                        containsInAnyOrder("FIX"));
        // The reporter sees the deadlines FIM's policy promised them, not Pod's internal clocks.
        given().header("X-Report-Token", r.reportToken()).get("/api/v1/reporter/cases/" + r.trackingId()).then()
                .statusCode(200).body("deadlines", hasSize(3))
                .body("deadlines.project", containsInAnyOrder(fim.slug(), fim.slug(), fim.slug()));
    }

    private static List<String> kinds(JsonPath detail, String slug) {
        return detail.<String> getList("milestones.findAll { it.project == '" + slug + "' }.kind").stream().sorted()
                .toList();
    }

    private static io.restassured.specification.RequestSpecification as(Fixtures.TestProject p) {
        return given().auth().oauth2(p.token()).contentType(ContentType.JSON);
    }
}
