package dev.embargo.intake;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.embargo.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Test data through the public API: projects with random slugs, example policies, reports from random clients. */
public final class Fixtures {

    public static final String ADMIN = Tokens.of("platform-admin-" + UUID.randomUUID(), "platform-admin");

    /** A registered project with its owner. */
    public record TestProject(String slug, String ownerSubject, String ownerToken) {
        public String path() {
            return "/api/v1/projects/" + slug;
        }
    }

    private Fixtures() {
    }

    public static String randomSlug(String prefix) {
        return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
    }

    /** A project whose owners published the shipped example policy of the given name. */
    public static TestProject projectWithExamplePolicy(String example) {
        TestProject project = project(example);
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON).body(examplePolicy(example)).when()
                .put(project.path() + "/policy").then().statusCode(201);
        return project;
    }

    public static TestProject project(String prefix) {
        String slug = randomSlug(prefix);
        String owner = "owner-" + UUID.randomUUID();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Project " + slug, "homepage", "https://" + slug + ".example",
                        "owners", List.of(Map.of("subject", owner, "email", owner + "@example.org"))))
                .when().post("/api/v1/projects").then().statusCode(201);
        return new TestProject(slug, owner, Tokens.of(owner));
    }

    public static String examplePolicy(String example) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/policies/" + example + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A report that satisfies every field a policy may require. */
    public static Map<String, Object> completeReport() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("title", "SQL injection in the export endpoint");
        r.put("component", "api");
        r.put("versionTested", "latest");
        r.put("description",
                "The export endpoint concatenates the sort parameter into a SQL query without binding it,"
                        + " so an authenticated user can read any table of the database. The parameter reaches"
                        + " ExportRepository.find through the controller without validation of any kind whatsoever.");
        r.put("impact", "Any signed-in user reads every tenant's data.");
        r.put("stepsToReproduce", "1. Sign in 2. Call /export?sort=name;select... 3. Observe rows of other tenants");
        r.put("proofOfConcept", "curl 'https://host/export?sort=name%3Bselect+1'");
        r.put("suggestedFix", "Bind the sort column through an allow-list.");
        r.put("cweIds", List.of("CWE-89"));
        return r;
    }

    /** A fresh client address, so each test has its own rate-limit bucket (loopback is a trusted proxy in tests). */
    public static String randomClient() {
        var rnd = ThreadLocalRandom.current();
        return "198.51." + rnd.nextInt(256) + "." + rnd.nextInt(1, 255);
    }

    public static ValidatableResponse submit(String slug, Object report) {
        return submit(slug, report, randomClient());
    }

    public static ValidatableResponse submit(String slug, Object report, String client) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON).body(report).when()
                .post("/api/v1/projects/" + slug + "/reports").then();
    }
}
