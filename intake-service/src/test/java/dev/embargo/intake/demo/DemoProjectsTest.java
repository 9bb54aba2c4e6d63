package dev.embargo.intake.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DemoProjectsTest {

    @Inject
    DemoProjects demo;

    @Test
    void loadsTheFiveExampleProjectsIdempotentlyWithDemoOwnerAndMaintainer() {
        demo.load();
        demo.load();
        given().when().get("/api/v1/projects").then().statusCode(200).body("slug",
                hasItems("fim", "open-webui", "openpanel", "panelorca", "pod"));
        String owner = Tokens.of("demo-owner");
        String maintainer = Tokens.of("demo-maintainer");
        for (String slug : List.of("fim", "open-webui", "openpanel", "panelorca", "pod")) {
            given().auth().oauth2(owner).when().get("/api/v1/projects/" + slug + "/policy/versions").then()
                    .statusCode(200).body("version", equalTo(List.of(1)));
            boolean maintained = slug.equals("fim") || slug.equals("open-webui");
            given().auth().oauth2(maintainer).when().get("/api/v1/projects/" + slug + "/members").then()
                    .statusCode(maintained ? 200 : 404);
        }
        given().auth().oauth2(owner).when().get("/api/v1/projects/fim/members").then().statusCode(200)
                .body("subject", containsInAnyOrder("demo-owner", "demo-maintainer"))
                .body("find { it.subject == 'demo-owner' }.email", equalTo("demo-owner@embargo.localhost"));
        given().when().get("/api/v1/projects/openpanel/policy").then().statusCode(200).body("policy.name",
                equalTo("OpenPanel"));
    }
}
