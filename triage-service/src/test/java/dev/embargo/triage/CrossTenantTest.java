package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Walks every operation of the published OpenAPI document as a maintainer of another project: a foreign case answers
 * exactly like a missing one, and nothing about it changes.
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

        Map<String, Map<String, Object>> paths = given().accept("application/json").get("/q/openapi").then()
                .statusCode(200).extract().path("paths");
        List<String> walked = new ArrayList<>();
        for (var entry : paths.entrySet()) {
            String template = entry.getKey();
            if (!template.startsWith("/api/") || !template.contains("{")) {
                continue;
            }
            for (String method : METHODS) {
                boolean declared = entry.getValue().containsKey(method);
                Response onForeign = call(method, fill(template, r.caseId(), r.trackingId(), owner.slug()), foreign);
                Response onMissing = call(method,
                        fill(template, UUID.randomUUID().toString(), "NOPE-2026-0001", owner.slug()), foreign);
                String what = method.toUpperCase() + " " + template;
                assertEquals(onMissing.statusCode(), onForeign.statusCode(), what);
                assertEquals(onMissing.body().asString(), onForeign.body().asString(), what);
                if (declared) {
                    assertEquals(404, onForeign.statusCode(), what);
                    walked.add(what);
                }
            }
        }
        assertTrue(walked.size() >= 15, "walked only " + walked);
        assertTrue(walked.stream().anyMatch(w -> w.contains("/reporter/")), "reporter API not in the document");
        assertEquals(before, Rows.snapshot(r.caseId()), "a foreign call changed the case");
    }

    private static String fill(String template, String caseId, String trackingId, String slug) {
        return template.replace("{id}", caseId).replace("{trackingId}", trackingId).replace("{slug}", slug)
                .replace("{code}", "out-of-scope:self-xss");
    }

    private static Response call(String method, String path, Fixtures.TestProject as) {
        var spec = given().auth().oauth2(as.token()).header("X-Report-Token", "not-the-token").queryParam("format",
                "osv");
        if (!method.equals("get") && !method.equals("delete")) {
            // An empty object is a valid body for every operation, so each call reaches the access check.
            spec = spec.contentType("application/json").body("{}");
        }
        return spec.request(method.toUpperCase(), path);
    }
}
