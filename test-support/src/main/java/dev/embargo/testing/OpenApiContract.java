package dev.embargo.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * What every service's OpenAPI document tells a client: exactly the operations the service has, each with a summary, a
 * description and examples of what it takes and answers, and every refusal it documents as problem+json with an example
 * that names its stable problem type. A service's {@code @QuarkusTest} extends it and lists its operations.
 */
public abstract class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The operations the service offers, as {@code "METHOD /path"}: a new or vanished one fails the contract. */
    protected abstract Set<String> operations();

    /**
     * Whether the document also gives every operation and answer a description and every refusal a problem+json example
     * naming its type. Only intake's older document still answers no: it keeps summaries and examples.
     */
    protected boolean describesEveryAnswerAndRefusal() {
        return true;
    }

    @Test
    void everyOperationIsDocumentedWithExamplesAndItsProblemTypes() throws Exception {
        JsonNode doc = JSON.readTree(given().accept("application/json").queryParam("format", "json").when()
                .get("/q/openapi").then().statusCode(200).extract().asString());
        List<String> missing = new ArrayList<>();
        boolean full = describesEveryAnswerAndRefusal();
        if (full && doc.path("info").path("description").asText().isBlank()) {
            missing.add("the API has no description");
        }
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                var op = ops.next();
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                documented.add(name);
                if (full) {
                    check(name, op.getValue(), missing);
                } else {
                    checkSummaryAndExamples(name, op.getValue(), missing);
                }
            }
        }
        assertEquals(new TreeSet<>(operations()), documented, "the documented operations");
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    private static void check(String name, JsonNode operation, List<String> missing) {
        if (operation.path("summary").asText().isBlank()) {
            missing.add(name + " has no summary");
        }
        if (operation.path("description").asText().isBlank()) {
            missing.add(name + " has no description");
        }
        if (operation.has("requestBody") && !hasExamples(operation.path("requestBody").path("content"))) {
            missing.add(name + " has no request example");
        }
        boolean answerExample = false;
        boolean refusals = false;
        for (Iterator<Map.Entry<String, JsonNode>> rs = operation.path("responses").fields(); rs.hasNext();) {
            var response = rs.next();
            String status = response.getKey();
            JsonNode content = response.getValue().path("content");
            if (response.getValue().path("description").asText().isBlank()) {
                missing.add(name + " answers " + status + " without a description");
            }
            if (status.startsWith("2") || status.startsWith("3")) {
                // An answer without a body (204 No Content) has nothing to show.
                answerExample |= content.isMissingNode() || hasExamples(content);
            } else if (content.isMissingNode() && Set.of("401", "403").contains(status)) {
                // Quarkus documents the security answers of an authenticated operation itself, without a body.
            } else {
                refusals = true;
                JsonNode examples = content.path("application/problem+json").path("examples");
                if (examples.isEmpty() || !examples.toString().contains("urn:embargo:problem:")) {
                    missing.add(name + " answers " + status + " without a problem+json example naming its type");
                }
            }
        }
        if (!answerExample) {
            missing.add(name + " has no example of its answer");
        }
        if (!refusals) {
            missing.add(name + " documents none of its refusals");
        }
    }

    private static void checkSummaryAndExamples(String name, JsonNode operation, List<String> missing) {
        if (operation.path("summary").asText().isBlank()) {
            missing.add(name + " has no summary");
        }
        if (operation.has("requestBody") && !hasExamples(operation.path("requestBody").path("content"))) {
            missing.add(name + " has no request example");
        }
        boolean example = false;
        for (JsonNode response : operation.path("responses")) {
            example |= hasExamples(response.path("content"));
        }
        if (!example) {
            missing.add(name + " has no response example");
        }
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
