package dev.embargo.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ProjectPolicyPublished;
import dev.embargo.events.SecurityPolicy;
import dev.embargo.testing.TestEvents;
import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class PolicyApiTest {

    @Test
    void everyPublishIsANewImmutableVersionCarriedWholeByTheEvent() {
        var project = Fixtures.projectWithExamplePolicy("openpanel");
        String changed = Fixtures.examplePolicy("openpanel").replace("\"assess\": { \"amount\": 7,",
                "\"assess\": { \"amount\": 50,");
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON).body(changed).when()
                .put(project.path() + "/policy").then().statusCode(201).body("version", equalTo(2));
        given().when().get(project.path() + "/policy").then().statusCode(200).body("version", equalTo(2))
                .body("policy.sla.assess.amount", equalTo(50)).body("policy.name", equalTo("OpenPanel"));
        given().auth().oauth2(project.ownerToken()).when().get(project.path() + "/policy/versions/1").then()
                .statusCode(200).body("policy.sla.assess.amount", equalTo(7));
        given().auth().oauth2(project.ownerToken()).when().get(project.path() + "/policy/versions").then()
                .statusCode(200).body("version", equalTo(List.of(2, 1)))
                .body("publishedBy", hasItem(project.ownerSubject()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<ProjectPolicyPublished> events = TestEvents.read(ProjectPolicyPublished.class, Duration.ofSeconds(1))
                    .stream().filter(e -> e.slug().equals(project.slug())).toList();
            assertEquals(List.of(1, 2), events.stream().map(ProjectPolicyPublished::version).sorted().toList());
            SecurityPolicy v2 = events.stream().filter(e -> e.version() == 2).findFirst().orElseThrow().policy();
            assertEquals(50, v2.sla().assess().amount());
            assertTrue(v2.outOfScope().stream().anyMatch(r -> r.id().equals("self-xss")));
        });
    }

    @Test
    void reportRecordsThePolicyVersionItWasCheckedAgainst() {
        var project = Fixtures.projectWithExamplePolicy("panelorca");
        Fixtures.submit(project.slug(), Map.of("title", "t", "description", "d")).statusCode(201).body("policyVersion",
                equalTo(1));
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON)
                .body(Fixtures.examplePolicy("panelorca")).when().put(project.path() + "/policy").then()
                .statusCode(201);
        Fixtures.submit(project.slug(), Map.of("title", "t2", "description", "d2")).statusCode(201)
                .body("policyVersion", equalTo(2));
    }

    @Test
    void invalidPolicyIsRefusedWithEachViolationAndNoEcho() {
        var project = Fixtures.project("badpolicy");
        String bad = Fixtures.examplePolicy("pod").replace("\"unit\": \"HOURS\"", "\"unit\": \"FORTNIGHTS\"")
                .replace("\"name\": \"Pod\",", "\"name\": \"Pod\", \"secretCanaryMember\": 1,")
                .replace("\"timeZone\": \"UTC\"", "\"timeZone\": \"UTC\"");
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON).body(bad).when()
                .put(project.path() + "/policy").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:embargo:problem:invalid-policy")).body("violations.rule", hasItem("enum"))
                .body("violations.rule", hasItem("additionalProperties")).body(not(containsString("FORTNIGHTS")))
                .body(not(containsString("secretCanaryMember")));
        String badZone = Fixtures.examplePolicy("pod").replace("\"sla\": {", "\"sla\": { \"timeZone\": \"Mars/Base\",");
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON).body(badZone).when()
                .put(project.path() + "/policy").then().statusCode(422)
                .body("violations.location", hasItem("$.sla.timeZone")).body(not(containsString("Mars")));
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON).body("[1,2]").when()
                .put(project.path() + "/policy").then().statusCode(422);
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON).body("{\"name\":").when()
                .put(project.path() + "/policy").then().statusCode(400);
        given().when().get(project.path() + "/policy").then().statusCode(404);
    }

    @Test
    void maintainersMayNotPublishPolicies() {
        var project = Fixtures.projectWithExamplePolicy("fim");
        String maintainer = "m-" + UUID.randomUUID();
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON).body(Map.of("role", "MAINTAINER"))
                .when().put(project.path() + "/members/" + maintainer).then().statusCode(200);
        given().auth().oauth2(Tokens.of(maintainer)).contentType(ContentType.JSON).body(Fixtures.examplePolicy("fim"))
                .when().put(project.path() + "/policy").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Fixtures.examplePolicy("fim")).when().put(project.path() + "/policy")
                .then().statusCode(401);
    }
}
