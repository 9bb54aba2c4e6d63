package dev.embargo.intake;

import static dev.embargo.intake.Fixtures.ADMIN;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ProjectMembershipChanged;
import dev.embargo.events.ProjectRegistered;
import dev.embargo.testing.TestEvents;
import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ProjectsApiTest {

    @Test
    void platformAdminRegistersProjectWithOwnersAndEventsFollow() {
        var project = Fixtures.project("reg");
        given().when().get("/api/v1/projects").then().statusCode(200).body("slug", hasItem(project.slug()));
        given().auth().oauth2(project.ownerToken()).when().get(project.path() + "/members").then().statusCode(200)
                .body("subject", hasItem(project.ownerSubject())).body("role", hasItem("OWNER"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertTrue(TestEvents.read(ProjectRegistered.class, Duration.ofSeconds(1)).stream()
                    .anyMatch(e -> e.slug().equals(project.slug())));
            assertTrue(TestEvents.read(ProjectMembershipChanged.class, Duration.ofSeconds(1)).stream()
                    .anyMatch(e -> e.slug().equals(project.slug()) && e.memberSubject().equals(project.ownerSubject())
                            && e.role() == ProjectMembershipChanged.Role.OWNER
                            && e.change() == ProjectMembershipChanged.Change.ADDED
                            && (project.ownerSubject() + "@example.org").equals(e.email())));
        });
    }

    @Test
    void onlyPlatformAdminsRegisterProjects() {
        var body = Map.of("slug", Fixtures.randomSlug("x"), "name", "X", "owners", List.of(Map.of("subject", "a")));
        given().auth().oauth2(Tokens.of("someone", "reporter")).contentType(ContentType.JSON).body(body).when()
                .post("/api/v1/projects").then().statusCode(403);
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/projects").then().statusCode(401);
    }

    @Test
    void duplicateSlugIsConflict() {
        var project = Fixtures.project("dup");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("slug", project.slug(), "name", "Again", "owners", List.of(Map.of("subject", "b")))).when()
                .post("/api/v1/projects").then().statusCode(409)
                .body("type", equalTo("urn:embargo:problem:slug-taken"));
    }

    @Test
    void ownerAddsAndRemovesMaintainerAndRemovedMaintainerLosesAccessAtOnce() {
        var project = Fixtures.project("members");
        String maintainer = "maint-" + UUID.randomUUID();
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON)
                .body(Map.of("role", "MAINTAINER", "email", "m@example.org")).when()
                .put(project.path() + "/members/" + maintainer).then().statusCode(200)
                .body("role", equalTo("MAINTAINER"));
        given().auth().oauth2(Tokens.of(maintainer)).when().get(project.path() + "/members").then().statusCode(200)
                .body("subject", containsInAnyOrder(project.ownerSubject(), maintainer));
        // A maintainer may not manage members.
        given().auth().oauth2(Tokens.of(maintainer)).contentType(ContentType.JSON).body(Map.of("role", "MAINTAINER"))
                .when().put(project.path() + "/members/someone-else").then().statusCode(403);
        given().auth().oauth2(project.ownerToken()).when().delete(project.path() + "/members/" + maintainer).then()
                .statusCode(204);
        given().auth().oauth2(Tokens.of(maintainer)).when().get(project.path() + "/members").then().statusCode(404);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var events = TestEvents.read(ProjectMembershipChanged.class, Duration.ofSeconds(1));
            assertTrue(events.stream().anyMatch(e -> e.memberSubject().equals(maintainer)
                    && e.change() == ProjectMembershipChanged.Change.ADDED && "m@example.org".equals(e.email())));
            assertTrue(events.stream().anyMatch(e -> e.memberSubject().equals(maintainer)
                    && e.change() == ProjectMembershipChanged.Change.REMOVED));
        });
    }

    @Test
    void ownersAreNamedByPlatformAdminsAndTheLastOwnerStays() {
        var project = Fixtures.project("owners");
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON).body(Map.of("role", "OWNER")).when()
                .put(project.path() + "/members/friend").then().statusCode(403);
        given().auth().oauth2(ADMIN).when().delete(project.path() + "/members/" + project.ownerSubject()).then()
                .statusCode(409).body("type", equalTo("urn:embargo:problem:last-owner"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("role", "OWNER")).when()
                .put(project.path() + "/members/second-owner").then().statusCode(200);
        given().auth().oauth2(ADMIN).when().delete(project.path() + "/members/" + project.ownerSubject()).then()
                .statusCode(204);
    }

    @Test
    void maintainerOfProjectACannotReadOrChangeProjectBAndSeesTheSameAsForAMissingProject() {
        var a = Fixtures.projectWithExamplePolicy("openpanel");
        var b = Fixtures.projectWithExamplePolicy("pod");
        String maintainer = "maint-a-" + UUID.randomUUID();
        given().auth().oauth2(a.ownerToken()).contentType(ContentType.JSON).body(Map.of("role", "MAINTAINER")).when()
                .put(a.path() + "/members/" + maintainer).then().statusCode(200);
        String token = Tokens.of(maintainer);
        String missing = "/api/v1/projects/" + Fixtures.randomSlug("missing");
        for (String base : List.of(b.path(), missing)) {
            String members = given().auth().oauth2(token).when().get(base + "/members").then().statusCode(404).extract()
                    .asString();
            String addMember = given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("role", "MAINTAINER")).when().put(base + "/members/intruder").then().statusCode(404)
                    .extract().asString();
            String removeOwner = given().auth().oauth2(token).when().delete(base + "/members/" + b.ownerSubject())
                    .then().statusCode(404).extract().asString();
            String versions = given().auth().oauth2(token).when().get(base + "/policy/versions").then().statusCode(404)
                    .extract().asString();
            String version = given().auth().oauth2(token).when().get(base + "/policy/versions/1").then().statusCode(404)
                    .extract().asString();
            String publish = given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Fixtures.examplePolicy("pod")).when().put(base + "/policy").then().statusCode(404).extract()
                    .asString();
            String standings = given().auth().oauth2(token).when().get(base + "/reporter-standings").then()
                    .statusCode(404).extract().asString();
            for (String body : List.of(addMember, removeOwner, versions, version, publish, standings)) {
                assertEquals(members, body);
            }
        }
        String bodyForB = given().auth().oauth2(token).when().get(b.path() + "/members").then().extract().asString();
        String bodyForMissing = given().auth().oauth2(token).when().get(missing + "/members").then().extract()
                .asString();
        assertEquals(bodyForMissing, bodyForB);
        // Project B is unchanged and its own maintainer view still works.
        given().auth().oauth2(b.ownerToken()).when().get(b.path() + "/members").then().statusCode(200).body("subject",
                containsInAnyOrder(b.ownerSubject()));
        given().auth().oauth2(b.ownerToken()).when().get(b.path() + "/policy/versions").then().statusCode(200)
                .body("version", containsInAnyOrder(1));
        // And A works for the maintainer.
        given().auth().oauth2(token).when().get(a.path() + "/policy/versions").then().statusCode(200);
    }
}
