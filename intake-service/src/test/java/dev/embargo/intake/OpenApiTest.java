package dev.embargo.intake;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document covers every endpoint, each with request (when it takes a body) and response examples. */
@QuarkusTest
class OpenApiTest {

    static final Set<String> ENDPOINTS = Set.of("GET /api/v1/projects", "POST /api/v1/projects",
            "GET /api/v1/projects/{slug}", "GET /api/v1/projects/{slug}/members",
            "PUT /api/v1/projects/{slug}/members/{subject}", "DELETE /api/v1/projects/{slug}/members/{subject}",
            "GET /api/v1/projects/{slug}/policy", "PUT /api/v1/projects/{slug}/policy",
            "GET /api/v1/projects/{slug}/policy.md", "GET /api/v1/projects/{slug}/policy/versions",
            "GET /api/v1/projects/{slug}/policy/versions/{version}", "GET /api/v1/projects/{slug}/security.txt",
            "POST /api/v1/projects/{slug}/reports", "POST /api/v1/admin/at-rest-key-rotation",
            "GET /api/v1/projects/{slug}/reporter-standings",
            "DELETE /api/v1/projects/{slug}/reporter-standings/{reporter}", "GET /api/v1/projects/{slug}/audit",
            "GET /api/v1/admin/audit", "GET /api/v1/me/projects");

    @Test
    void everyEndpointIsDocumentedWithRequestAndResponseExamples() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().accept("application/json").queryParam("format", "json")
                .when().get("/q/openapi").then().statusCode(200).extract().asString());
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                var op = ops.next();
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                documented.add(name);
                JsonNode operation = op.getValue();
                assertFalse(operation.path("summary").asText().isBlank(), name + " has a summary");
                if (operation.has("requestBody")) {
                    assertTrue(hasExamples(operation.path("requestBody").path("content")),
                            name + " has a request example");
                }
                boolean responseExample = false;
                for (JsonNode response : operation.path("responses")) {
                    if (response.has("content")) {
                        responseExample |= hasExamples(response.path("content"));
                    }
                }
                assertTrue(responseExample, name + " has a response example");
            }
        }
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
