package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Triage's OpenAPI document is as complete as intake's: every endpoint with a summary and a description, a request
 * example when it takes a body, a response example, and each of its error answers as a problem example.
 */
@QuarkusTest
class OpenApiTest {

    static final Set<String> ENDPOINTS = Set.of("GET /api/v1/cases", "GET /api/v1/cases/counts",
            "GET /api/v1/cases/{id}", "GET /api/v1/cases/{id}/history", "POST /api/v1/cases/{id}/transitions",
            "PUT /api/v1/cases/{id}/severity", "PUT /api/v1/cases/{id}/assignee", "GET /api/v1/cases/{id}/messages",
            "POST /api/v1/cases/{id}/messages", "POST /api/v1/cases/{id}/projects",
            "PUT /api/v1/cases/{id}/projects/{slug}", "DELETE /api/v1/cases/{id}/projects/{slug}",
            "PUT /api/v1/cases/{id}/projects/{slug}/disclosure-stance", "PUT /api/v1/cases/{id}/disclosure",
            "GET /api/v1/cases/{id}/advisory", "GET /api/v1/cases/{id}/findings",
            "POST /api/v1/cases/{id}/findings/{code}/resolution", "GET /api/v1/reporter/cases/{trackingId}",
            "GET /api/v1/reporter/cases/{trackingId}/messages", "POST /api/v1/reporter/cases/{trackingId}/messages",
            "POST /api/v1/reporter/cases/{trackingId}/disclosure/accept",
            "POST /api/v1/reporter/cases/{trackingId}/disclosure/counter",
            "POST /api/v1/reporter/cases/{trackingId}/fix-confirmation",
            "PUT /api/v1/reporter/cases/{trackingId}/credit", "POST /api/v1/reporter/cases/{trackingId}/withdrawal",
            "GET /api/v1/reporter/me/cases");

    @Test
    void everyEndpointIsDocumentedWithExamplesAndItsProblems() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().accept("application/json").queryParam("format", "json")
                .when().get("/q/openapi").then().statusCode(200).extract().asString());
        Set<String> documented = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                var op = ops.next();
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                documented.add(name);
                JsonNode operation = op.getValue();
                assertFalse(operation.path("summary").asText().isBlank(), name + " has a summary");
                assertFalse(operation.path("description").asText().isBlank(), name + " has a description");
                if (operation.has("requestBody")) {
                    assertTrue(hasExamples(operation.path("requestBody").path("content")),
                            name + " has a request example");
                }
                boolean success = false;
                boolean problems = false;
                for (Iterator<Map.Entry<String, JsonNode>> rs = operation.path("responses").fields(); rs.hasNext();) {
                    var response = rs.next();
                    JsonNode content = response.getValue().path("content");
                    if (response.getKey().startsWith("2")) {
                        success |= hasExamples(content);
                    } else if (content.isMissingNode() && Set.of("401", "403").contains(response.getKey())) {
                        // Quarkus adds the security answers of an @Authenticated endpoint itself, without a body.
                        continue;
                    } else {
                        if (!content.has("application/problem+json") || !hasExamples(content)) {
                            missing.add(name + " answers " + response.getKey() + " without a problem example");
                        }
                        problems = true;
                    }
                }
                assertTrue(success, name + " has a response example");
                assertTrue(problems, name + " lists its problems");
            }
        }
        assertEquals(List.of(), missing);
        assertEquals(new TreeSet<>(ENDPOINTS), documented);
    }

    private static boolean hasExamples(JsonNode content) {
        if (content.isMissingNode() || content.isEmpty()) {
            return false;
        }
        for (JsonNode media : content) {
            if (!media.path("examples").isEmpty() || media.has("example")) {
                return true;
            }
        }
        return false;
    }
}
