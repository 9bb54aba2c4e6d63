package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ProjectMembershipChanged;
import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Walks every operation of the published OpenAPI document as a maintainer of another project, and as a member removed
 * from the case's own project whose token is still valid: the case answers exactly like a missing one, and nothing
 * about it changes.
 */
@QuarkusTest
class CrossTenantTest {

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    @Inject
    Ciphers ciphers;

    @Test
    void aForeignCaseAnswersLikeAMissingOneOnEveryOperationAndNothingChanges() {
        var owner = Fixtures.project();
        var foreign = Fixtures.project();
        // Flagged, so the one-step resolution of its finding would have something to close.
        var r = Fixtures.report(ciphers, owner, ReportContent.Visibility.PUBLIC, java.time.Instant.now(),
                List.of(new dev.embargo.events.ReportSubmitted.Finding("out-of-scope:self-xss", "self-XSS")));
        // Move the case a little so state-dependent operations have something to refuse.
        given().auth().oauth2(owner.token()).contentType("application/json").body(Map.of("action", "ACKNOWLEDGE"))
                .post("/api/v1/cases/" + r.caseId() + "/transitions").then().statusCode(200);
        String before = Rows.snapshot(r.caseId());

        List<String> walked = walk(r, owner.slug(), foreign.token());
        assertTrue(walked.size() >= 15, "walked only " + walked);
        assertTrue(walked.stream().anyMatch(w -> w.contains("/reporter/")), "reporter API not in the document");
        assertEquals(before, Rows.snapshot(r.caseId()), "a foreign call changed the case");
    }

    @Test
    void aRemovedMembersStillValidTokenAnswersLikeAMissingCaseOnEveryOperationAndChangesNothing() {
        var project = Fixtures.project();
        var r = Fixtures.report(ciphers, project, ReportContent.Visibility.PUBLIC, java.time.Instant.now(),
                List.of(new dev.embargo.events.ReportSubmitted.Finding("out-of-scope:self-xss", "self-XSS")));
        String leaver = Fixtures.random("leaver");
        Fixtures.addMember(project.id(), project.slug(), leaver, ProjectMembershipChanged.Role.OWNER);
        // One token, issued while the leaver was an owner and valid for the whole test.
        String token = Tokens.of(leaver);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(token).get("/api/v1/cases/" + r.caseId()).statusCode() == 200);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("action", "ACKNOWLEDGE"))
                .post("/api/v1/cases/" + r.caseId() + "/transitions").then().statusCode(200);

        Fixtures.removeMember(project.id(), project.slug(), leaver);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(token).get("/api/v1/cases/" + r.caseId()).statusCode() == 404);
        String before = Rows.snapshot(r.caseId());

        List<String> walked = walk(r, project.slug(), token);
        assertTrue(walked.size() >= 15, "walked only " + walked);
        given().auth().oauth2(token).get("/api/v1/cases").then().statusCode(200).body("id",
                org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(r.caseId())));
        assertEquals(before, Rows.snapshot(r.caseId()), "a removed member's call changed the case");
        // The project's remaining maintainer still works the case.
        given().auth().oauth2(project.token()).get("/api/v1/cases/" + r.caseId()).then().statusCode(200);
    }

    /**
     * Calls every operation of the OpenAPI document on the case and on a missing one with the token: both answer the
     * same, and a declared operation answers 404. Returns the declared operations walked.
     */
    private static List<String> walk(Fixtures.TestReport r, String slug, String token) {
        Map<String, Map<String, Object>> paths = given().accept("application/json").get("/q/openapi").then()
                .statusCode(200).extract().path("paths");
        List<String> walked = new ArrayList<>();
        // A client of its own, so failed reporter-token checks of other tests do not rate-limit this walk.
        String client = "192.0.2." + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255);
        for (var entry : paths.entrySet()) {
            String template = entry.getKey();
            if (!template.startsWith("/api/") || !template.contains("{")) {
                continue;
            }
            for (String method : METHODS) {
                boolean declared = entry.getValue().containsKey(method);
                Response onForeign = call(method, fill(template, r.caseId(), r.trackingId(), slug), token, client);
                Response onMissing = call(method, fill(template, UUID.randomUUID().toString(), "NOPE-2026-0001", slug),
                        token, client);
                String what = method.toUpperCase() + " " + template;
                assertEquals(onMissing.statusCode(), onForeign.statusCode(), what);
                assertEquals(onMissing.body().asString(), onForeign.body().asString(), what);
                if (declared) {
                    assertEquals(404, onForeign.statusCode(), what);
                    walked.add(what);
                }
            }
        }
        return walked;
    }

    private static String fill(String template, String caseId, String trackingId, String slug) {
        return template.replace("{id}", caseId).replace("{trackingId}", trackingId).replace("{slug}", slug)
                .replace("{code}", "out-of-scope:self-xss");
    }

    private static Response call(String method, String path, String token, String client) {
        var spec = given().auth().oauth2(token).header("X-Report-Token", "not-the-token")
                .header("X-Forwarded-For", client).queryParam("format", "osv");
        if (!method.equals("get") && !method.equals("delete")) {
            // An empty object is a valid body for every operation, so each call reaches the access check.
            spec = spec.contentType("application/json").body("{}");
        }
        return spec.request(method.toUpperCase(), path);
    }
}
