package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ReportContent;
import dev.embargo.events.ReportSubmitted.Finding;
import dev.embargo.platform.crypto.Ciphers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 14: the gate's findings travel with {@code report.submitted} into the case. The maintainer sees each with the
 * policy sentence behind it, filters cases by finding and resolves a flagged report in one step, with the policy's
 * words as the reason the reporter reads.
 */
@QuarkusTest
class CaseFindingsTest {

    static final Finding SELF_XSS = new Finding("out-of-scope:self-xss", "self-XSS");
    static final Finding DESIGN = new Finding("known-design-decision:optional-api-key-auth",
            "API key auth is optional and controlled by settings.requireApiKey. When disabled, all /v1/* endpoints are"
                    + " unauthenticated by design (intended for trusted internal networks).");
    static final Finding LATEST = new Finding("reproduce-on-latest",
            "Security fixes land on the latest release. Before reporting an issue on a self-hosted instance, please"
                    + " confirm it reproduces on the latest version.");

    @Inject
    Ciphers ciphers;

    @Test
    void theMaintainerSeesEachFindingWithThePolicySentenceBehindIt() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE, Instant.now(), List.of(SELF_XSS, LATEST));
        as(p).get("/api/v1/cases/" + r.caseId()).then().statusCode(200).body("findings", hasSize(2))
                .body("findings[0].code", equalTo("out-of-scope:self-xss"))
                .body("findings[0].policySentence", equalTo("self-XSS"))
                .body("findings[0].closesAs", equalTo("OUT_OF_SCOPE"))
                .body("findings[1].code", equalTo("reproduce-on-latest"))
                .body("findings[1].asksReporter", equalTo(true)).body("findings[1].closesAs", nullValue());
        as(p).get("/api/v1/cases/" + r.caseId() + "/findings").then().statusCode(200).body("code",
                contains("out-of-scope:self-xss", "reproduce-on-latest"));
        // A report without findings has none; another project's maintainer cannot see them.
        var clean = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        as(p).get("/api/v1/cases/" + clean.caseId()).then().body("findings", hasSize(0));
        var other = Fixtures.project();
        as(other).get("/api/v1/cases/" + r.caseId() + "/findings").then().statusCode(404);
    }

    @Test
    void casesFilterByFindingCodeOrKind() {
        var p = Fixtures.project();
        var xss = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE, Instant.now(), List.of(SELF_XSS));
        var design = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE, Instant.now(), List.of(DESIGN));
        var clean = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        as(p).queryParam("finding", "out-of-scope:self-xss").get("/api/v1/cases").then().statusCode(200)
                .body("id", contains(xss.caseId())).body("[0].findings", contains("out-of-scope:self-xss"));
        as(p).queryParam("finding", "known-design-decision").get("/api/v1/cases").then().statusCode(200).body("id",
                contains(design.caseId()));
        as(p).get("/api/v1/cases").then().body("id", hasItem(clean.caseId()));
        as(p).queryParam("finding", "out-of-scope").get("/api/v1/cases").then().body("id",
                not(hasItem(clean.caseId())));
        as(p).queryParam("finding", "<script>").get("/api/v1/cases").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:embargo:problem:invalid-filter"))
                .body(not(org.hamcrest.Matchers.containsString("<script>")));
    }

    @Test
    void anOutOfScopeReportClosesInOneStepWithThePolicysWordsAsTheReasonTheReporterReads() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE, Instant.now(), List.of(SELF_XSS));
        as(p).body(Map.of()).post("/api/v1/cases/" + r.caseId() + "/findings/out-of-scope:self-xss/resolution").then()
                .statusCode(200).body("state", equalTo("CLOSED")).body("resolution", equalTo("OUT_OF_SCOPE"));
        String reason = "Out of scope under the project's policy: self-XSS";
        as(p).get("/api/v1/cases/" + r.caseId() + "/history").then().body("[0].reason", equalTo(reason));
        given().header("X-Report-Token", r.reportToken()).get("/api/v1/reporter/cases/" + r.trackingId()).then()
                .statusCode(200).body("state", equalTo("CLOSED")).body("resolution", equalTo("OUT_OF_SCOPE"));
        given().header("X-Report-Token", r.reportToken()).get("/api/v1/reporter/cases/" + r.trackingId() + "/messages")
                .then().statusCode(200).body("text", contains(reason));
        assertEquals(List.of("case.closed.v1", "case.message-posted.v1"), Rows.eventTypes(r.caseId()));
    }

    @Test
    void aKnownDesignDecisionClosesAsNotApplicableAndAVersionFindingAsksTheReporter() {
        var p = Fixtures.project();
        var design = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE, Instant.now(), List.of(DESIGN));
        as(p).body(Map.of()).post("/api/v1/cases/" + design.caseId() + "/findings/" + DESIGN.code() + "/resolution")
                .then().statusCode(200).body("resolution", equalTo("NOT_APPLICABLE"));
        var old = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE, Instant.now(), List.of(LATEST));
        as(p).body(Map.of()).post("/api/v1/cases/" + old.caseId() + "/findings/reproduce-on-latest/resolution").then()
                .statusCode(200).body("state", equalTo("NEEDS_INFO"));
        given().header("X-Report-Token", old.reportToken())
                .get("/api/v1/reporter/cases/" + old.trackingId() + "/messages").then()
                .body("text[0]", equalTo("Please reproduce the issue on a supported release. The project's policy"
                        + " says: " + LATEST.policySentence()));
    }

    @Test
    void aFindingTheCaseDoesNotHaveIsNotFoundAndAStaleVersionIsRefused() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE, Instant.now(), List.of(SELF_XSS));
        as(p).body(Map.of()).post("/api/v1/cases/" + r.caseId() + "/findings/out-of-scope:dos/resolution").then()
                .statusCode(404);
        as(p).body(Map.of("version", 99))
                .post("/api/v1/cases/" + r.caseId() + "/findings/out-of-scope:self-xss/resolution").then()
                .statusCode(409).body("type", equalTo("urn:embargo:problem:concurrent-edit"));
        as(p).get("/api/v1/cases/" + r.caseId()).then().body("state", equalTo("NEW"));
        assertEquals(List.of(), Rows.eventTypes(r.caseId()));
    }

    private static io.restassured.specification.RequestSpecification as(Fixtures.TestProject p) {
        return given().auth().oauth2(p.token()).contentType(ContentType.JSON);
    }
}
