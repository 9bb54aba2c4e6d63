package dev.embargo.notification;

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

/**
 * The OpenAPI document covers every endpoint, each with a summary, a description, request (when it takes a body) and
 * response examples, and every error response with an example of its problem type.
 */
@QuarkusTest
class OpenApiTest {

    static final Set<String> ENDPOINTS = Set.of("GET /api/v1/projects/{slug}/deliveries",
            "POST /api/v1/projects/{slug}/heads-up-subscribers", "GET /api/v1/projects/{slug}/heads-up-subscribers",
            "DELETE /api/v1/projects/{slug}/heads-up-subscribers/{id}", "GET /api/v1/me/preferences",
            "PUT /api/v1/me/preferences/{eventType}", "POST /api/v1/projects/{slug}/webhooks",
            "GET /api/v1/projects/{slug}/webhooks", "GET /api/v1/projects/{slug}/webhooks/{id}",
            "DELETE /api/v1/projects/{slug}/webhooks/{id}");

    @Test
    void everyEndpointIsDocumentedWithDescriptionsProblemTypesAndExamples() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().accept("application/json").queryParam("format", "json")
                .when().get("/q/openapi").then().statusCode(200).extract().asString());
        assertFalse(doc.path("info").path("description").asText().isBlank(), "the API has a description");
        Set<String> documented = new TreeSet<>();
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
                boolean responseExample = false;
                for (Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").fields(); responses
                        .hasNext();) {
                    var response = responses.next();
                    String status = name + " " + response.getKey();
                    assertFalse(response.getValue().path("description").asText().isBlank(),
                            status + " has a description");
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        JsonNode problem = response.getValue().path("content").path("application/problem+json");
                        assertFalse(problem.path("examples").isEmpty(), status + " has a problem example");
                        problem.path("examples")
                                .forEach(example -> assertTrue(
                                        example.path("value").toString().contains("urn:embargo:problem:"),
                                        status + " names its problem type"));
                    }
                    responseExample |= hasExamples(response.getValue().path("content"));
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
