package dev.embargo.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ProjectMembershipChanged;
import dev.embargo.testing.TestEvents;
import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A platform admin cannot make themselves a member; what an admin changes is audited and announced to the owners. */
@QuarkusTest
class SeparationOfDutiesTest {

    private static final String ADMIN_SUBJECT = "admin-" + UUID.randomUUID();
    private static final String ADMIN = Tokens.of(ADMIN_SUBJECT, "platform-admin");

    @Test
    void aPlatformAdminCannotMakeThemselvesAMemberOrOwner() {
        var project = Fixtures.project("sod");
        for (String role : List.of("MAINTAINER", "OWNER")) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("role", role))
                    .put(project.path() + "/members/" + ADMIN_SUBJECT).then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:embargo:problem:self-appointment"));
        }
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("slug", Fixtures.randomSlug("self"), "name", "Self", "owners",
                        List.of(Map.of("subject", ADMIN_SUBJECT))))
                .post("/api/v1/projects").then().statusCode(403)
                .body("type", equalTo("urn:embargo:problem:self-appointment"));
        given().auth().oauth2(project.ownerToken()).get(project.path() + "/members").then().statusCode(200)
                .body("subject", not(hasItem(ADMIN_SUBJECT)));
        // Not a member, the admin reads no report of the project.
        given().auth().oauth2(project.ownerToken()).get(project.path() + "/audit").then().statusCode(200).body("target",
                not(hasItem(ADMIN_SUBJECT)));
    }

    @Test
    void anAdminsMembershipChangesAreAuditedReadableByOwnersAndAnnounced() {
        var project = Fixtures.project("sod");
        String newcomer = "newcomer-" + UUID.randomUUID();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("role", "OWNER"))
                .put(project.path() + "/members/" + newcomer).then().statusCode(200);
        given().auth().oauth2(ADMIN).delete(project.path() + "/members/" + newcomer).then().statusCode(204);
        // An owner's own change is audited too, not as an admin's.
        String helper = "helper-" + UUID.randomUUID();
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON).body(Map.of("role", "MAINTAINER"))
                .put(project.path() + "/members/" + helper).then().statusCode(200);

        var audit = given().auth().oauth2(project.ownerToken()).get(project.path() + "/audit").then().statusCode(200)
                .extract().jsonPath();
        List<String> actions = audit.getList("action");
        assertEquals(List.of("MEMBER_ADDED", "MEMBER_REMOVED", "MEMBER_ADDED", "MEMBER_ADDED", "PROJECT_REGISTERED"),
                actions, "newest first");
        assertEquals(helper, audit.getString("[0].target"));
        assertEquals(project.ownerSubject(), audit.getString("[0].actor"));
        assertFalse(audit.getBoolean("[0].byPlatformAdmin"));
        assertEquals(newcomer, audit.getString("[1].target"));
        assertEquals(ADMIN_SUBJECT, audit.getString("[1].actor"));
        assertTrue(audit.getBoolean("[1].byPlatformAdmin"));
        assertEquals("OWNER", audit.getString("[2].detail"));
        assertTrue(audit.getBoolean("[2].byPlatformAdmin"));

        // Admins read every project's entries; a maintainer or a stranger does not read the project's.
        given().auth().oauth2(ADMIN).queryParam("limit", 1000).get("/api/v1/admin/audit").then().statusCode(200)
                .body("target", hasItem(newcomer));
        given().auth().oauth2(Tokens.of(helper)).get(project.path() + "/audit").then().statusCode(403);
        given().auth().oauth2(Tokens.of("stranger")).get(project.path() + "/audit").then().statusCode(404);
        given().auth().oauth2(Tokens.of("stranger")).get("/api/v1/admin/audit").then().statusCode(403);
        given().auth().oauth2(ADMIN).queryParam("limit", 0).get("/api/v1/admin/audit").then().statusCode(400);

        // The event tells the notification service that an admin made the change, so the owners are mailed.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var events = TestEvents.read(ProjectMembershipChanged.class, Duration.ofSeconds(1)).stream()
                    .filter(e -> e.slug().equals(project.slug()) && e.memberSubject().equals(newcomer)).toList();
            assertTrue(events.stream().anyMatch(e -> e.change() == ProjectMembershipChanged.Change.ADDED
                    && e.madeByPlatformAdmin() && ADMIN_SUBJECT.equals(e.actor())), events.toString());
        });
    }
}
