package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Who may do what on a multi-project case, through the API: the lead project moves it, a partner only its own part. */
@QuarkusTest
class CaseRolesApiTest {

    @Inject
    Ciphers ciphers;

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static RequestSpecification as(Fixtures.TestProject p) {
        return as(p.token());
    }

    private static String transitions(Fixtures.TestReport r) {
        return "/api/v1/cases/" + r.caseId() + "/transitions";
    }

    /** A case of {@code lead}, triaged, with {@code partner} added by the lead. */
    private Fixtures.TestReport sharedCase(Fixtures.TestProject lead, Fixtures.TestProject partner) {
        var r = Fixtures.report(ciphers, lead, ReportContent.Visibility.NONE);
        as(lead).body(Map.of("action", "ACKNOWLEDGE")).post(transitions(r)).then().statusCode(200);
        as(lead).body(Map.of("action", "TRIAGE", "severity", "HIGH")).post(transitions(r)).then().statusCode(200);
        as(lead).body(Map.of("projectSlug", partner.slug())).post("/api/v1/cases/" + r.caseId() + "/projects").then()
                .statusCode(201);
        Fixtures.awaitCase(partner, r.caseId());
        return r;
    }

    private static void assertRefusedAsPartner(Response response, String what) {
        assertEquals(403, response.statusCode(), what + ": " + response.asString());
        assertEquals("urn:embargo:problem:lead-project-only", response.path("type"), what);
        assertEquals("application/problem+json", response.contentType().replaceFirst(";.*", ""), what);
    }

    @Test
    void aPartnersMaintainerCannotPublishCloseReopenAddProjectsOrSetTheDateButSetsItsOwnStatus() {
        var lead = Fixtures.project();
        var partner = Fixtures.project();
        var third = Fixtures.project();
        var r = sharedCase(lead, partner);
        String base = "/api/v1/cases/" + r.caseId();
        String before = Rows.snapshot(r.caseId());
        String date = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();

        assertRefusedAsPartner(as(partner).body(Map.of("action", "PUBLISH")).post(transitions(r)), "publish");
        assertRefusedAsPartner(
                as(partner).body(Map.of("action", "PUBLISH", "override", true, "reason", "now")).post(transitions(r)),
                "override");
        assertRefusedAsPartner(as(partner).body(Map.of("action", "CLOSE", "resolution", "SPAM")).post(transitions(r)),
                "close");
        assertRefusedAsPartner(as(partner).body(Map.of("action", "START_FIX")).post(transitions(r)), "start fix");
        assertRefusedAsPartner(as(partner).body(Map.of("projectSlug", third.slug())).post(base + "/projects"),
                "add project");
        assertRefusedAsPartner(as(partner).body(Map.of("projectSlug", "no-such-project")).post(base + "/projects"),
                "add unknown project");
        assertRefusedAsPartner(as(partner).delete(base + "/projects/" + partner.slug()), "remove project");
        assertRefusedAsPartner(as(partner).body(Map.of("date", date)).put(base + "/disclosure"), "propose date");
        assertRefusedAsPartner(as(partner).body(Map.of("severity", "LOW")).put(base + "/severity"), "rate");
        assertRefusedAsPartner(as(partner).body(Map.of("assignee", partner.maintainer())).put(base + "/assignee"),
                "assign");
        assertEquals(before, Rows.snapshot(r.caseId()), "a refused call changed the case");

        // Closed by the lead, the partner cannot reopen it either.
        as(lead).body(Map.of("action", "CLOSE", "resolution", "WONT_FIX")).post(transitions(r)).then().statusCode(200);
        assertRefusedAsPartner(as(partner).body(Map.of("action", "REOPEN")).post(transitions(r)), "reopen");
        as(lead).body(Map.of("action", "REOPEN")).post(transitions(r)).then().statusCode(200).body("state",
                equalTo("TRIAGED"));

        // What a partner may do: its own status, the shared thread, its own notes, its word on the date.
        as(partner).body(Map.of("status", "FIXED", "fixedVersions", "2.0.1", "statement", "patched"))
                .put(base + "/projects/" + partner.slug()).then().statusCode(200)
                .body("projects.find { it.slug == '" + partner.slug() + "' }.status", equalTo("FIXED"))
                .body("projects.find { it.slug == '" + lead.slug() + "' }.lead", equalTo(true));
        as(partner).body(Map.of("status", "NOT_AFFECTED")).put(base + "/projects/" + lead.slug()).then()
                .statusCode(404);
        as(partner).body(Map.of("visibility", "REPORTER", "text", "we shipped 2.0.1")).post(base + "/messages").then()
                .statusCode(201);
        as(partner).body(Map.of("visibility", "INTERNAL", "text", "partner note")).post(base + "/messages").then()
                .statusCode(201).body("projectSlug", equalTo(partner.slug()));
        as(lead).body(Map.of("date", date)).put(base + "/disclosure").then().statusCode(200);
        as(partner).body(Map.of("stance", "OBJECT", "reason", "our release train is later"))
                .put(base + "/projects/" + partner.slug() + "/disclosure-stance").then().statusCode(200)
                .body("projects.find { it.slug == '" + partner.slug() + "' }.dateStance", equalTo("OBJECTED"));
        as(partner).body(Map.of("stance", "AGREE")).put(base + "/projects/" + lead.slug() + "/disclosure-stance").then()
                .statusCode(404);
        as(lead).get(base + "/history").then().body("action", hasItem("DATE_OBJECTED_BY_PROJECT"));
    }

    @Test
    void theLeadAddsAndRemovesPartnersButNeverItself() {
        var lead = Fixtures.project();
        var partner = Fixtures.project();
        var r = sharedCase(lead, partner);
        String base = "/api/v1/cases/" + r.caseId();
        as(lead).body(Map.of("projectSlug", partner.slug())).post(base + "/projects").then().statusCode(409)
                .body("type", equalTo("urn:embargo:problem:project-already-affected"));
        as(lead).delete(base + "/projects/" + lead.slug()).then().statusCode(409);
        as(lead).delete(base + "/projects/" + partner.slug()).then().statusCode(200).body("projects.slug",
                contains(lead.slug()));
        // Removed from the case, the partner no longer sees it.
        as(partner).get(base).then().statusCode(404);
        assertTrue(Rows.eventTypes(r.caseId()).contains("case.project-added.v1"));
    }

    @Test
    void theLeadCannotPublishAnUnfixedCaseWithoutTheOverride() {
        var lead = Fixtures.project(Fixtures.policy(0, null));
        var partner = Fixtures.project(Fixtures.policy(0, null));
        var r = sharedCase(lead, partner);
        String base = "/api/v1/cases/" + r.caseId();
        Response refused = as(lead).body(Map.of("action", "PUBLISH")).post(transitions(r));
        assertEquals(409, refused.statusCode(), refused.asString());
        assertEquals("urn:embargo:problem:publication-blocked", refused.path("type"));
        assertEquals(List.of("UNFIXED_PROJECTS", "DATE_NOT_AGREED"), refused.path("blockers"));

        // The lead fixed and the date agreed, the partner still unfixed: still refused.
        as(lead).body(Map.of("status", "FIXED")).put(base + "/projects/" + lead.slug()).then().statusCode(200);
        as(lead).body(Map.of("date", LocalDate.now(Fixtures.POLICY_ZONE).toString())).put(base + "/disclosure").then()
                .statusCode(200);
        given().header("X-Report-Token", r.reportToken())
                .post("/api/v1/reporter/cases/" + r.trackingId() + "/disclosure/accept").then().statusCode(200);
        refused = as(lead).body(Map.of("action", "PUBLISH")).post(transitions(r));
        assertEquals(409, refused.statusCode());
        assertEquals(List.of("UNFIXED_PROJECTS"), refused.path("blockers"));
        assertFalse(Rows.eventTypes(r.caseId()).contains("case.published.v1"));

        // Once the partner is fixed too, the lead publishes.
        as(partner).body(Map.of("status", "NOT_AFFECTED")).put(base + "/projects/" + partner.slug()).then()
                .statusCode(200);
        as(lead).body(Map.of("action", "PUBLISH")).post(transitions(r)).then().statusCode(200).body("state",
                equalTo("PUBLISHED"));
    }

    @Test
    void aLeadOwnersOverrideNeedsAReasonIsInTheHistoryAndAnnouncedToEveryProject() {
        var lead = Fixtures.project(Fixtures.policy(0, null));
        var partner = Fixtures.project(Fixtures.policy(0, null));
        var r = sharedCase(lead, partner);
        String owner = Fixtures.addOwner(lead, r.caseId());

        // A maintainer of the lead is not enough, and an owner needs a reason.
        as(lead).body(Map.of("action", "PUBLISH", "override", true, "reason", "exploited")).post(transitions(r)).then()
                .statusCode(403).body("type", equalTo("urn:embargo:problem:lead-owner-only"));
        as(Tokens.of(owner)).body(Map.of("action", "PUBLISH", "override", true)).post(transitions(r)).then()
                .statusCode(400).body("type", equalTo("urn:embargo:problem:override-reason-required"));
        assertFalse(Rows.eventTypes(r.caseId()).contains("case.publication-overridden.v1"));

        as(Tokens.of(owner)).body(Map.of("action", "PUBLISH", "override", true, "reason", "exploited in the wild"))
                .post(transitions(r)).then().statusCode(200).body("state", equalTo("PUBLISHED"))
                .body("publicationForced", equalTo(true));
        var history = as(lead).get("/api/v1/cases/" + r.caseId() + "/history").then().statusCode(200).extract()
                .jsonPath();
        int at = history.<String> getList("action").indexOf("OVERRIDE_PUBLICATION");
        assertTrue(at >= 0, "override not in the history");
        assertEquals(owner, history.getString("[" + at + "].actor"));
        assertEquals("exploited in the wild", history.getString("[" + at + "].reason"));
        List<String> events = Rows.eventTypes(r.caseId());
        assertTrue(events.indexOf("case.publication-overridden.v1") >= 0, events.toString());
        assertTrue(events.indexOf("case.publication-overridden.v1") < events.indexOf("case.published.v1"));
        String announced = Rows.strings("SELECT convert_from(payload, 'UTF8') FROM triage.outbox"
                + " WHERE message_key = ? AND event_type = 'case.publication-overridden.v1'", r.caseId()).get(0);
        assertTrue(announced.contains(lead.slug()) && announced.contains(partner.slug()), announced);
        assertFalse(announced.contains("exploited"), "the reason stays in the history");
    }
}
