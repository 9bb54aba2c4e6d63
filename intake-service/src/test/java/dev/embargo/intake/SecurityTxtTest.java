package dev.embargo.intake;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/** security.txt checked field by field against RFC 9116. */
@QuarkusTest
class SecurityTxtTest {

    @Test
    void securityTxtFieldValuesWithControlCharactersAreRefusedAndNothingIsPublished() throws Exception {
        var project = Fixtures.projectWithExamplePolicy("openpanel");
        String before = given().get(project.path() + "/security.txt").then().statusCode(200).extract().asString();
        var json = new ObjectMapper();
        Map<String, Consumer<ObjectNode>> injections = Map.of("$.channels[1].address",
                doc -> ((ObjectNode) doc.withArray("channels").get(1)).put("address",
                        "security@openpanel.dev\nEncryption: https://evil.example/key.asc"),
                "$.policyUrl", doc -> doc.put("policyUrl", "https://openpanel.example/security\rHiring: x"),
                "$.preferredLanguages[0]", doc -> doc.putArray("preferredLanguages").add("en\u0000"));
        for (var injection : injections.entrySet()) {
            var doc = (ObjectNode) json.readTree(Fixtures.examplePolicy("openpanel"));
            injection.getValue().accept(doc);
            String answer = given().auth().oauth2(project.ownerToken()).contentType("application/json")
                    .body(json.writeValueAsString(doc)).put(project.path() + "/policy").then().statusCode(422)
                    .contentType("application/problem+json").extract().asString();
            assertTrue(answer.contains(injection.getKey()) && answer.contains("control-characters"), answer);
            assertFalse(answer.contains("evil.example") || answer.contains("Hiring"), "no echo: " + answer);
        }
        String after = given().get(project.path() + "/security.txt").then().statusCode(200).extract().asString();
        assertFalse(after.contains("Encryption:") || after.contains("Hiring:"), after);
        assertEquals(before.replaceAll("Expires: .*", ""), after.replaceAll("Expires: .*", ""));
    }

    @Test
    void securityTxtFollowsRfc9116FieldByField() {
        var project = Fixtures.projectWithExamplePolicy("openpanel");
        Instant before = Instant.now();
        var response = given().when().get(project.path() + "/security.txt").then().statusCode(200).extract();
        // 3: served as text/plain with a UTF-8 charset.
        String contentType = response.contentType();
        assertTrue(contentType.startsWith("text/plain"), contentType);
        assertTrue(contentType.toLowerCase().contains("charset=utf-8"), contentType);
        String body = response.asString();
        Map<String, List<String>> fields = parse(body);
        Set<String> known = Set.of("acknowledgments", "canonical", "contact", "encryption", "expires", "hiring",
                "policy", "preferred-languages", "csaf");
        assertTrue(known.containsAll(fields.keySet()), "only RFC 9116 fields: " + fields.keySet());

        // 2.5.3 Contact: required, one or more URIs; first the platform's own intake, then the policy's channels.
        List<String> contacts = fields.get("contact");
        assertEquals(List.of("http://localhost:8081" + project.path() + "/reports", "mailto:security@openpanel.dev",
                "https://github.com/Openpanel-dev/openpanel/security/advisories/new"), contacts);
        contacts.forEach(c -> assertTrue(Set.of("mailto", "https", "http").contains(URI.create(c).getScheme())));

        // 2.5.5 Expires: required exactly once, RFC 3339, in the future and less than a year ahead.
        assertEquals(1, fields.get("expires").size());
        Instant expires = OffsetDateTime.parse(fields.get("expires").get(0)).toInstant();
        assertTrue(expires.isAfter(before), "expires in the future");
        assertTrue(expires.isBefore(before.plus(365, ChronoUnit.DAYS)), "expires less than a year ahead");

        // 2.5.7 Policy: the project's written policy; OpenPanel's text names no address of its own, so the platform's.
        assertEquals(List.of("http://localhost:8081" + project.path() + "/policy"), fields.get("policy"));
        // 2.5.1 Acknowledgments: the project's hall of fame on the credits service.
        assertEquals(List.of("http://localhost:8084" + project.path() + "/hall-of-fame"),
                fields.get("acknowledgments"));
        // 2.5.8 Preferred-Languages: at most once, comma-separated language tags.
        assertEquals(List.of("en"), fields.get("preferred-languages"));
        // 2.5.2 Canonical: where this very file lives.
        assertEquals(List.of("http://localhost:8081" + project.path() + "/security.txt"), fields.get("canonical"));
        // 2.2 lines: comments start with '#', every other non-empty line is "Field: value"; no CR injection.
        for (String line : body.split("\n", -1)) {
            assertFalse(line.contains("\r"));
            assertTrue(line.isEmpty() || line.startsWith("#") || line.matches("^[A-Za-z-]+: \\S.*$"), line);
        }
    }

    @Test
    void policyWithoutUrlPointsToThePolicyJsonAndUnknownProjectIs404() {
        var project = Fixtures.projectWithExamplePolicy("panelorca");
        Map<String, List<String>> fields = parse(
                given().when().get(project.path() + "/security.txt").then().statusCode(200).extract().asString());
        assertEquals(List.of("http://localhost:8081" + project.path() + "/policy"), fields.get("policy"));
        assertEquals(List.of("http://localhost:8081" + project.path() + "/reports", "mailto:hello@panelorca.com"),
                fields.get("contact"));
        given().when().get("/api/v1/projects/" + Fixtures.randomSlug("none") + "/security.txt").then().statusCode(404);
    }

    private static Map<String, List<String>> parse(String body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(": ");
            fields.computeIfAbsent(line.substring(0, colon).toLowerCase(), k -> new ArrayList<>())
                    .add(line.substring(colon + 2));
        }
        return fields;
    }
}
