package dev.embargo.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** "My projects": the caller's memberships with their role in each, and nothing of other projects. */
@QuarkusTest
class MyProjectsApiTest {

    private static final String MINE = "/api/v1/me/projects";

    /** Owners name maintainers; only platform admins name owners. */
    private static void addMember(Fixtures.TestProject p, String subject, String role) {
        given().auth().oauth2(role.equals("OWNER") ? Fixtures.ADMIN : p.ownerToken()).contentType(ContentType.JSON)
                .body(Map.of("role", role, "email", subject + "@example.org")).when()
                .put(p.path() + "/members/" + subject).then().statusCode(200);
    }

    @Test
    void theCallersProjectsWithTheirRoleInEachBySlug() {
        String me = "me-" + UUID.randomUUID();
        var owned = Fixtures.projectWithExamplePolicy("openpanel");
        var maintained = Fixtures.project("mine");
        var notMine = Fixtures.project("other");
        addMember(owned, me, "OWNER");
        addMember(maintained, me, "MAINTAINER");
        // Someone else is a member of the third: it is theirs, not the caller's.
        addMember(notMine, "someone-" + UUID.randomUUID(), "MAINTAINER");

        var bySlug = Stream.of(owned, maintained).sorted(Comparator.comparing(Fixtures.TestProject::slug)).toList();
        var answer = given().auth().oauth2(Tokens.of(me)).when().get(MINE).then().statusCode(200)
                .contentType(ContentType.JSON).body("slug", contains(bySlug.get(0).slug(), bySlug.get(1).slug()))
                .body("find { it.slug == '" + owned.slug() + "' }.role", equalTo("OWNER"))
                .body("find { it.slug == '" + owned.slug() + "' }.name", equalTo("Project " + owned.slug()))
                .body("find { it.slug == '" + owned.slug() + "' }.policyVersion", equalTo(1))
                .body("find { it.slug == '" + maintained.slug() + "' }.role", equalTo("MAINTAINER"))
                .body("find { it.slug == '" + maintained.slug() + "' }.policyVersion", nullValue()).extract();
        List<Map<String, Object>> rows = answer.jsonPath().getList("$");
        for (var row : rows) {
            assertEquals(Set.of("slug", "name", "role", "policyVersion"), row.keySet(), "fields of " + row);
        }
        // The project's owner sees their project, not the caller's others.
        given().auth().oauth2(notMine.ownerToken()).when().get(MINE).then().statusCode(200)
                .body("slug", contains(notMine.slug())).body("role", contains("OWNER"));
    }

    @Test
    void aRemovedMembershipIsGoneAndAStrangerHasNone() {
        String me = "me-" + UUID.randomUUID();
        var p = Fixtures.project("left");
        addMember(p, me, "MAINTAINER");
        given().auth().oauth2(Tokens.of(me)).when().get(MINE).then().statusCode(200).body("slug", contains(p.slug()));
        given().auth().oauth2(p.ownerToken()).when().delete(p.path() + "/members/" + me).then().statusCode(204);
        given().auth().oauth2(Tokens.of(me)).when().get(MINE).then().statusCode(200).body("$", empty());
        given().auth().oauth2(Tokens.of("stranger-" + UUID.randomUUID())).when().get(MINE).then().statusCode(200)
                .body("$", empty());
    }

    @Test
    void withoutAValidTokenItIsUnauthorized() {
        given().when().get(MINE).then().statusCode(401);
        given().auth().oauth2(Tokens.expired("me-" + UUID.randomUUID())).when().get(MINE).then().statusCode(401);
        given().auth().oauth2(Tokens.forAudience("me-" + UUID.randomUUID(), "admin-cli")).when().get(MINE).then()
                .statusCode(401);
    }
}
