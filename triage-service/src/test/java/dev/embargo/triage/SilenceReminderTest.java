package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Issue 14: a silent reporter is reminded once before the case closes for silence (the test policy: 14 days). */
@QuarkusTest
class SilenceReminderTest {

    @Inject
    Ciphers ciphers;
    @Inject
    SlaScheduler scheduler;

    @Test
    void aSilentReporterIsRemindedOnceTwoDaysBeforeTheCaseClosesAndThenItCloses() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        String c = "/api/v1/cases/" + r.caseId();
        as(p).body(Map.of("action", "ACKNOWLEDGE")).post(c + "/transitions").then().statusCode(200);
        as(p).body(Map.of("action", "REQUEST_INFO", "reason", "Which version?")).post(c + "/transitions").then()
                .statusCode(200);
        Instant deadline = Instant.parse(
                Rows.strings("SELECT to_char(silence_deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                        + " FROM triage.cases WHERE id = ?", r.caseId()).get(0));
        // Too early: nothing.
        scheduler.tick(deadline.minus(Duration.ofDays(3)));
        thread(r).body("$", hasSize(0));
        // Two days before: one reminder, however often the scheduler runs.
        scheduler.tick(deadline.minus(Duration.ofDays(2)).plusSeconds(60));
        scheduler.tick(deadline.minus(Duration.ofDays(1)));
        thread(r).body("$", hasSize(1)).body("[0].authorKind", equalTo("MAINTAINER"));
        String text = thread(r).extract().path("[0].text");
        assertTrue(text.startsWith("This report is waiting for your answer."), text);
        assertEquals(List.of("case.acknowledged.v1", "case.needs-info.v1", "case.message-posted.v1"),
                Rows.eventTypes(r.caseId()));
        // Past the limit: closed as informative.
        scheduler.tick(deadline.plusSeconds(1));
        as(p).get(c).then().body("state", equalTo("CLOSED")).body("resolution", equalTo("INFORMATIVE"));
    }

    @Test
    void aReporterWhoAnsweredIsNotReminded() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        String c = "/api/v1/cases/" + r.caseId();
        as(p).body(Map.of("action", "ACKNOWLEDGE")).post(c + "/transitions").then().statusCode(200);
        as(p).body(Map.of("action", "REQUEST_INFO")).post(c + "/transitions").then().statusCode(200);
        given().header("X-Report-Token", r.reportToken()).contentType(ContentType.JSON)
                .body(Map.of("text", "Version 1.2.3")).post("/api/v1/reporter/cases/" + r.trackingId() + "/messages")
                .then().statusCode(201);
        scheduler.tick(Instant.now().plus(Duration.ofDays(13)));
        thread(r).body("$", hasSize(1)).body("[0].authorKind", equalTo("REPORTER"));
    }

    private static io.restassured.response.ValidatableResponse thread(Fixtures.TestReport r) {
        return given().header("X-Report-Token", r.reportToken())
                .get("/api/v1/reporter/cases/" + r.trackingId() + "/messages").then().statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification as(Fixtures.TestProject p) {
        return given().auth().oauth2(p.token()).contentType(ContentType.JSON);
    }
}
