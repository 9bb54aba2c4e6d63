package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 14: {@code MOVED_PUBLIC} only where the lead project's policy has a public route and only up to its severity
 * ceiling. FIM: "For low-severity issues (...), you may open a regular GitHub issue with the security label."
 */
@QuarkusTest
class PublicRouteTest {

    @Inject
    Ciphers ciphers;

    @Test
    void aLowSeverityFimCaseMovesPublicWithThePolicysWordsAndAHighOneDoesNot() {
        var fim = Fixtures.project(ShippedPolicies.fim());
        var low = Fixtures.report(ciphers, fim, ReportContent.Visibility.NONE);
        rate(fim, low.caseId(), "LOW");
        as(fim).body(Map.of("action", "CLOSE", "resolution", "MOVED_PUBLIC"))
                .post("/api/v1/cases/" + low.caseId() + "/transitions").then().statusCode(200)
                .body("resolution", equalTo("MOVED_PUBLIC"));
        as(fim).get("/api/v1/cases/" + low.caseId() + "/history").then().body("[1].reason",
                equalTo(ShippedPolicies.fim().publicRoute().statement()));

        var high = Fixtures.report(ciphers, fim, ReportContent.Visibility.NONE);
        rate(fim, high.caseId(), "HIGH");
        as(fim).body(Map.of("action", "CLOSE", "resolution", "MOVED_PUBLIC"))
                .post("/api/v1/cases/" + high.caseId() + "/transitions").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:embargo:problem:public-route-not-allowed"));
        var unrated = Fixtures.report(ciphers, fim, ReportContent.Visibility.NONE);
        as(fim).body(Map.of("action", "CLOSE", "resolution", "MOVED_PUBLIC"))
                .post("/api/v1/cases/" + unrated.caseId() + "/transitions").then().statusCode(409);
        assertEquals(List.of("case.acknowledged.v1"), Rows.eventTypes(high.caseId()));
    }

    @Test
    void aPolicyWithoutAPublicRouteKeepsEveryReportPrivate() {
        var pod = Fixtures.project(ShippedPolicies.pod());
        var r = Fixtures.report(ciphers, pod, ReportContent.Visibility.NONE);
        rate(pod, r.caseId(), "LOW");
        as(pod).body(Map.of("action", "CLOSE", "resolution", "MOVED_PUBLIC"))
                .post("/api/v1/cases/" + r.caseId() + "/transitions").then().statusCode(409)
                .body("type", equalTo("urn:embargo:problem:public-route-not-allowed"));
        as(pod).get("/api/v1/cases/" + r.caseId()).then().body("state", equalTo("ACKNOWLEDGED"));
    }

    private static void rate(Fixtures.TestProject p, String caseId, String severity) {
        as(p).body(Map.of("action", "ACKNOWLEDGE")).post("/api/v1/cases/" + caseId + "/transitions").then()
                .statusCode(200);
        as(p).body(Map.of("severity", severity)).put("/api/v1/cases/" + caseId + "/severity").then().statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification as(Fixtures.TestProject p) {
        return given().auth().oauth2(p.token()).contentType(ContentType.JSON);
    }
}
