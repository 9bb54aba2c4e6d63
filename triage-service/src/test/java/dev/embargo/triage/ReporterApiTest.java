package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ReporterApiTest {

    @Inject
    Ciphers ciphers;

    private static RequestSpecification reporter(Fixtures.TestReport r) {
        return given().header("X-Report-Token", r.reportToken()).contentType("application/json");
    }

    private static RequestSpecification maintainer(Fixtures.TestProject p) {
        return given().auth().oauth2(p.token()).contentType("application/json");
    }

    @Test
    void aWrongOrMissingTokenAnswersExactlyLikeAMissingCase() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        String missing = given().header("X-Report-Token", r.reportToken()).get("/api/v1/reporter/cases/NOPE-2026-1")
                .then().statusCode(404).extract().asString();
        String noToken = given().get("/api/v1/reporter/cases/" + r.trackingId()).then().statusCode(404).extract()
                .asString();
        String wrong = given().header("X-Report-Token", r.reportToken() + "x")
                .get("/api/v1/reporter/cases/" + r.trackingId()).then().statusCode(404).extract().asString();
        assertEquals(missing, noToken);
        assertEquals(missing, wrong);
        // The token is never taken from the URL.
        given().queryParam("token", r.reportToken()).get("/api/v1/reporter/cases/" + r.trackingId()).then()
                .statusCode(404);
    }

    @Test
    void theReporterSeesStatusDeadlinesAndOnlyTheirThread() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        String base = "/api/v1/cases/" + r.caseId();
        maintainer(p).body(Map.of("visibility", "INTERNAL", "text", "internal-note")).post(base + "/messages").then()
                .statusCode(201);
        maintainer(p).body(Map.of("visibility", "REPORTER", "text", "thanks, looking")).post(base + "/messages").then()
                .statusCode(201);
        reporter(r).get("/api/v1/reporter/cases/" + r.trackingId()).then().statusCode(200).body("state", equalTo("NEW"))
                .body("deadlines.kind", contains("ACKNOWLEDGE", "ASSESS", "DISCLOSE"));
        reporter(r).body(Map.of("text", "you are welcome"))
                .post("/api/v1/reporter/cases/" + r.trackingId() + "/messages").then().statusCode(201);
        reporter(r).get("/api/v1/reporter/cases/" + r.trackingId() + "/messages").then().statusCode(200).body("text",
                contains("thanks, looking", "you are welcome"));
    }

    @Test
    void aDisclosureDateProposedByMaintainersAndAcceptedByTheReporterIsScheduled() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        LocalDate date = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        maintainer(p).body(Map.of("date", date.toString())).put("/api/v1/cases/" + r.caseId() + "/disclosure").then()
                .statusCode(200).body("disclosureStatus", equalTo("PROPOSED"));
        reporter(r).post("/api/v1/reporter/cases/" + r.trackingId() + "/disclosure/accept").then().statusCode(200)
                .body("disclosureStatus", equalTo("AGREED")).body("disclosureDate", equalTo(date.toString()));
        assertEquals(List.of("case.disclosure-scheduled.v1"), Rows.eventTypes(r.caseId()));
    }

    @Test
    void aCounterProposalIsAgreedWhenMaintainersTakeThatDate() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        LocalDate date = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        maintainer(p).body(Map.of("date", date.toString())).put("/api/v1/cases/" + r.caseId() + "/disclosure").then()
                .statusCode(200);
        reporter(r).body(Map.of("date", date.plusDays(14).toString()))
                .post("/api/v1/reporter/cases/" + r.trackingId() + "/disclosure/counter").then().statusCode(200)
                .body("disclosureStatus", equalTo("COUNTERED"));
        reporter(r).post("/api/v1/reporter/cases/" + r.trackingId() + "/disclosure/accept").then().statusCode(409);
        maintainer(p).body(Map.of("date", date.plusDays(14).toString()))
                .put("/api/v1/cases/" + r.caseId() + "/disclosure").then().statusCode(200)
                .body("disclosureStatus", equalTo("AGREED"));
        assertEquals(List.of("case.disclosure-scheduled.v1"), Rows.eventTypes(r.caseId()));
    }

    @Test
    void aCreditUpdateIsValidatedLikeTheSubmissionAndABadOneChangesNothing() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.PUBLIC);
        String credit = "/api/v1/reporter/cases/" + r.trackingId() + "/credit";
        String huge = "A".repeat(200_001);
        for (Map<String, Object> bad : List.of(Map.<String, Object> of("visibility", "PUBLIC", "name", huge),
                Map.<String, Object> of("visibility", "PUBLIC", "name", "A".repeat(201)),
                Map.<String, Object> of("visibility", "PUBLIC", "name", "Ada\nEvil: header"),
                Map.<String, Object> of("visibility", "PUBLIC", "name", "Ada", "handle", "h".repeat(101)),
                Map.<String, Object> of("visibility", "PUBLIC", "name", "Ada", "link", "javascript:alert(1)"),
                Map.<String, Object> of("name", "Ada"))) {
            String answer = reporter(r).body(bad).put(credit).then().statusCode(400)
                    .contentType("application/problem+json").extract().asString();
            assertTrue(!answer.contains("AAAA") && !answer.contains("Evil") && !answer.contains("javascript"),
                    "no echo: " + answer.substring(0, Math.min(300, answer.length())));
        }
        maintainer(p).get("/api/v1/cases/" + r.caseId()).then().body("content.credit.visibility", equalTo("PUBLIC"))
                .body("content.credit.name", equalTo("Ada Lovelace"));
        reporter(r).body(Map.of("visibility", "PUBLIC", "name", "A".repeat(200), "link", "https://ada.example"))
                .put(credit).then().statusCode(200);
    }

    @Test
    void theReporterCanChangeTheCreditAndWithdraw() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.PUBLIC);
        reporter(r).body(Map.of("visibility", "ANONYMOUS")).put("/api/v1/reporter/cases/" + r.trackingId() + "/credit")
                .then().statusCode(200).body("credit.visibility", equalTo("ANONYMOUS"));
        reporter(r).post("/api/v1/reporter/cases/" + r.trackingId() + "/withdrawal").then().statusCode(200)
                .body("state", equalTo("CLOSED")).body("resolution", equalTo("WITHDRAWN"));
        reporter(r).post("/api/v1/reporter/cases/" + r.trackingId() + "/withdrawal").then().statusCode(409)
                .body("currentState", equalTo("CLOSED"));
        maintainer(p).get("/api/v1/cases/" + r.caseId()).then().body("content.credit.visibility", equalTo("ANONYMOUS"))
                .body("content.credit.link", nullValue());
        assertEquals(List.of("case.closed.v1"), Rows.eventTypes(r.caseId()));
    }

    @Test
    void tokenGuessesAreLimitedPerClientAcrossCasesAndNeverLockTheReporterOut() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        var other = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        // Both come through the ingress (a trusted proxy in tests): the client is the X-Forwarded-For hop.
        String attacker = "203.0.113." + (1 + (int) (Math.random() * 250));
        String reporterAddress = "198.51.100." + (1 + (int) (Math.random() * 250));
        int limited = 0;
        String retryAfter = null;
        for (int i = 0; i < 120 && limited == 0; i++) {
            // Spread over many tracking ids: the limit is on the client's failures, not on one case.
            String target = i % 2 == 0 ? r.trackingId() : other.trackingId();
            var res = given().header("X-Forwarded-For", "10.9.9.9, " + attacker).header("X-Report-Token", "guess-" + i)
                    .get("/api/v1/reporter/cases/" + target);
            if (res.statusCode() == 429) {
                limited++;
                retryAfter = res.header("Retry-After");
                assertEquals("urn:embargo:problem:rate-limited", res.jsonPath().getString("type"));
            } else {
                assertEquals(404, res.statusCode());
            }
        }
        assertEquals(1, limited);
        assertTrue(Integer.parseInt(retryAfter) >= 1);
        // The guesser is limited on every case, even with a right token now...
        reporter(other).header("X-Forwarded-For", attacker).get("/api/v1/reporter/cases/" + other.trackingId()).then()
                .statusCode(429);
        // ...while the real reporters, from their own addresses, are not locked out of their cases.
        reporter(r).header("X-Forwarded-For", reporterAddress).get("/api/v1/reporter/cases/" + r.trackingId()).then()
                .statusCode(200);
        reporter(other).get("/api/v1/reporter/cases/" + other.trackingId()).then().statusCode(200);
    }
}
