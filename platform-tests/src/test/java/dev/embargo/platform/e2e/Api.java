package dev.embargo.platform.e2e;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import dev.embargo.platform.e2e.Platform.Service;
import dev.embargo.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The calls the platform tests make, as a reporter and as the demo projects' owner. */
final class Api {

    static final String OWNER = "demo-owner";

    private final Platform platform;

    Api(Platform platform) {
        this.platform = platform;
    }

    record Submitted(int status, String trackingId, String token) {
    }

    static Map<String, Object> report(String title, String description, String email, String creditName) {
        return Map.of("title", title, "component", "core", "versionTested", "latest", "description", description,
                "impact", "An unauthenticated attacker can read other tenants' data over the network.",
                "stepsToReproduce", "1. Start the server. 2. Send the crafted request. 3. Observe the response.",
                "proofOfConcept", "curl -s http://target/api/../../etc/passwd", "suggestedFix",
                "Normalise the path and refuse anything outside the root.", "reporterEmail", email, "credit",
                Map.of("visibility", "PUBLIC", "name", creditName));
    }

    /** Submits a report; the client address is varied so rate limits do not hide what a test wants to see. */
    Submitted submit(String slug, Map<String, Object> report) {
        Response r = given().baseUri(platform.url(Service.INTAKE)).contentType(ContentType.JSON).body(report)
                .post("/api/v1/projects/{slug}/reports", slug);
        if (r.statusCode() != 201) {
            return new Submitted(r.statusCode(), null, null);
        }
        return new Submitted(201, r.path("trackingId"), r.path("reportToken"));
    }

    String token(String subject, String... roles) {
        return Tokens.of(subject, roles);
    }

    /** The case id of a tracking id, as the owner sees it, or null while triage does not have it yet. */
    String caseId(String slug, String trackingId) {
        for (int page = 0; page < 50; page++) {
            List<Map<String, Object>> cases = given().baseUri(platform.url(Service.TRIAGE)).auth().oauth2(token(OWNER))
                    .queryParam("project", slug).queryParam("size", 100).queryParam("page", page).get("/api/v1/cases")
                    .then().statusCode(200).extract().path("$");
            for (Map<String, Object> c : cases) {
                if (trackingId.equals(c.get("trackingId"))) {
                    return (String) c.get("id");
                }
            }
            if (cases.size() < 100) {
                return null;
            }
        }
        return null;
    }

    Response asOwner(String method, Service service, String path, Object body) {
        var spec = given().baseUri(platform.url(service)).auth().oauth2(token(OWNER)).contentType(ContentType.JSON);
        if (body != null) {
            spec = spec.body(body);
        }
        return spec.request(method, path);
    }
}
