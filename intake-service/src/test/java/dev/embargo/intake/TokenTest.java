package dev.embargo.intake;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.embargo.testing.TokenContract;
import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class TokenTest extends TokenContract {

    private Fixtures.TestProject project;

    @Override
    protected String authenticatedPath() {
        if (project == null) {
            project = Fixtures.project("tokens");
        }
        return project.path() + "/members";
    }

    @Override
    protected String subject() {
        authenticatedPath();
        return project.ownerSubject();
    }

    @Test
    void rolesOutsideTheRealmRolesClaimDoNotCount() {
        // A token with platform-admin in "groups" (not realm_access.roles) is an ordinary user here.
        given().auth().oauth2(Tokens.rolesInGroups("groups-admin", "platform-admin")).contentType(ContentType.JSON)
                .body(Map.of("slug", Fixtures.randomSlug("groups"), "name", "Groups", "homepage", "https://g.example",
                        "owners", List.of(Map.of("subject", "x", "email", "x@example.org"))))
                .post("/api/v1/projects").then().statusCode(403);
    }
}
