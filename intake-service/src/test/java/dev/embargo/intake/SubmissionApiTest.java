package dev.embargo.intake;

import static dev.embargo.intake.Fixtures.completeReport;
import static dev.embargo.intake.Fixtures.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Year;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import dev.embargo.rules.ReportTokens;
import dev.embargo.testing.TestDatabase;
import dev.embargo.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class SubmissionApiTest {

    @TestHTTPResource("/")
    URL base;

    static final String MALFORMED = "urn:embargo:problem:malformed-body";
    static final String BAD_REQUEST = "urn:embargo:problem:bad-request";

    @Test
    void acceptedReportGetsTrackingIdTokenShownOnceAndAcknowledgementDue() {
        var project = Fixtures.projectWithExamplePolicy("openpanel");
        var first = submit(project.slug(), completeReport()).statusCode(201)
                .body("trackingId", equalTo(project.slug().toUpperCase() + "-" + Year.now() + "-0001"))
                .body("reportToken", notNullValue()).body("resubmission", equalTo(false))
                .body("acknowledgeBy", notNullValue()).body("policyVersion", equalTo(1)).extract();
        String token = first.path("reportToken");
        assertTrue(Base64.getUrlDecoder().decode(token).length >= 16, "at least 128 random bits");
        Map<String, Object> other = completeReport();
        other.put("title", "Another finding");
        submit(project.slug(), other).statusCode(201).body("trackingId",
                equalTo(project.slug().toUpperCase() + "-" + Year.now() + "-0002"));
        assertEquals(0, count("SELECT count(*) FROM intake.report WHERE token_hash = ?", token),
                "the token itself is never stored");
        assertEquals(1, count("SELECT count(*) FROM intake.report WHERE token_hash = ?", ReportTokens.hash(token)));
    }

    @Test
    void signedInReporterIsRecorded() {
        var project = Fixtures.projectWithExamplePolicy("panelorca");
        given().auth().oauth2(Tokens.of("reporter-1", "reporter")).header("X-Forwarded-For", Fixtures.randomClient())
                .contentType(ContentType.JSON).body(Map.of("title", "t", "description", "d")).when()
                .post(project.path() + "/reports").then().statusCode(201);
        assertEquals(1, count("SELECT count(*) FROM intake.report r JOIN intake.project p ON p.id = r.project_id"
                + " WHERE p.slug = ? AND r.reporter_subject = 'reporter-1'", project.slug()));
    }

    @Test
    void aSubmissionWithABadBearerTokenIsUnauthorisedAndStoresNothing() {
        var project = Fixtures.projectWithExamplePolicy("panelorca");
        given().auth().oauth2("not-a-token").header("X-Forwarded-For", Fixtures.randomClient())
                .contentType(ContentType.JSON).body(Map.of("title", "t", "description", "d")).when()
                .post(project.path() + "/reports").then().statusCode(401);
        assertEquals(0, reportsOf(project.slug()));
    }

    @Test
    void identicalResubmissionBySameReporterReturnsTheExistingReport() {
        var project = Fixtures.projectWithExamplePolicy("openpanel");
        String client = Fixtures.randomClient();
        var first = submit(project.slug(), completeReport(), client).statusCode(201).extract();
        submit(project.slug(), completeReport(), client).statusCode(200)
                .body("trackingId", equalTo(first.path("trackingId"))).body("reportToken", nullValue())
                .body("resubmission", equalTo(true));
        // From another address, the report token proves it is the same reporter.
        given().header("X-Forwarded-For", Fixtures.randomClient()).header("X-Report-Token", first.path("reportToken"))
                .contentType(ContentType.JSON).body(completeReport()).when().post(project.path() + "/reports").then()
                .statusCode(200).body("trackingId", equalTo(first.path("trackingId")));
        // A different reporter with the same text is a different report.
        submit(project.slug(), completeReport()).statusCode(201).body("trackingId",
                not(equalTo(first.path("trackingId"))));
        assertEquals(2, reportsOf(project.slug()));
    }

    @Test
    void reportTokenIsNeverAcceptedInTheUrl() {
        var project = Fixtures.projectWithExamplePolicy("openpanel");
        given().header("X-Forwarded-For", Fixtures.randomClient()).contentType(ContentType.JSON).body(completeReport())
                .queryParam("reportToken", "abc").when().post(project.path() + "/reports").then().statusCode(400)
                .body("type", equalTo("urn:embargo:problem:token-in-url"));
        assertEquals(0, reportsOf(project.slug()));
    }

    @Test
    void submissionsPerClientAreRateLimitedWithRetryAfterAndForwardedForOnlyFromTrustedProxies() {
        var project = Fixtures.projectWithExamplePolicy("panelorca");
        String client = Fixtures.randomClient();
        for (int i = 0; i < 5; i++) {
            submit(project.slug(), Map.of("title", "r" + i, "description", "d"), client).statusCode(201);
        }
        submit(project.slug(), Map.of("title", "r6", "description", "d"), client).statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo("urn:embargo:problem:rate-limited"));
        // Refused again before its body is read: a body that would be a 400 is a 429 for a client over its limit.
        var refused = given().header("X-Forwarded-For", client).contentType("application/json").body("{not json").when()
                .post("/api/v1/projects/" + project.slug() + "/reports").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo("urn:embargo:problem:rate-limited")).body("status", equalTo(429))
                .body("title", equalTo("Too many requests")).extract();
        assertEquals(String.valueOf((Object) refused.path("retryAfterSeconds")), refused.header("Retry-After"),
                "Retry-After says what the body says");
        // Another client is not affected.
        submit(project.slug(), Map.of("title", "r7", "description", "d")).statusCode(201);
        assertEquals(6, reportsOf(project.slug()));
    }

    @Test
    void missingRequiredFieldsAreListedAndNothingIsWritten() {
        var project = Fixtures.projectWithExamplePolicy("pod");
        submit(project.slug(), Map.of("title", "Only a title")).statusCode(422)
                .body("type", equalTo("urn:embargo:problem:missing-fields")).body("missingFields",
                        Matchers.containsInAnyOrder("versionTested", "description", "impact", "stepsToReproduce"));
        assertEquals(0, reportsOf(project.slug()));
    }

    @Test
    void invalidCvssAndCweAreRefusedValidOnesAccepted() {
        var project = Fixtures.projectWithExamplePolicy("panelorca");
        Map<String, Object> report = Map.of("title", "t", "description", "d", "cvssVector", "CVSS:3.1/AV:N/AC:Q");
        submit(project.slug(), report).statusCode(422).body("type", equalTo("urn:embargo:problem:invalid-cvss"))
                .body(not(containsString("AV:N")));
        submit(project.slug(), Map.of("title", "t", "description", "d", "cweIds", List.of("XSS"))).statusCode(400);
        submit(project.slug(),
                Map.of("title", "t", "description", "d", "cvssVector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
                        .statusCode(201);
        submit(project.slug(), Map.of("title", "t4", "description", "d", "cvssVector",
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")).statusCode(201);
    }

    @Test
    void badInputGetsProblemJsonWithoutEchoAndNothingIsHalfWritten() throws Exception {
        var project = Fixtures.projectWithExamplePolicy("panelorca");
        String path = project.path() + "/reports";
        // Malformed JSON.
        // (Truncated JSON reaches the shared mappers as a plain 400, so its kind is bad-request, not malformed-body.)
        raw(path, "{\"title\": \"CANARY-MALFORMED\", ").statusCode(400).contentType("application/problem+json")
                .body("type", anyOf(equalTo(MALFORMED), equalTo(BAD_REQUEST))).body(not(containsString("CANARY")));
        // Wrong type.
        raw(path, "{\"title\": [\"CANARY-TYPE\"], \"description\": \"d\"}").statusCode(400)
                .body(not(containsString("CANARY")));
        // Deep nesting.
        raw(path, "{\"title\":\"t\",\"description\":\"d\",\"credit\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
                .statusCode(400);
        // Server-owned values.
        for (String field : new String[] { "id", "status", "project", "trackingId" }) {
            raw(path, "{\"title\":\"t\",\"description\":\"d\",\"" + field + "\":\"CANARY-OWNED\"}").statusCode(400)
                    .body("type", equalTo("urn:embargo:problem:unknown-field")).body(not(containsString("CANARY")));
        }
        // Control and header-injection characters in the title.
        for (String title : new String[] { "Bad\\r\\nBcc: victim@example.org", "Bell\\u0007", "Tab\\tbed",
                "Line\\u2028sep" }) {
            raw(path, "{\"title\":\"" + title + "\",\"description\":\"d\"}").statusCode(400)
                    .body("type", equalTo("urn:embargo:problem:validation")).body(not(containsString("victim")));
        }
        // Oversized field (per-field limit, under the body limit).
        raw(path, "{\"title\":\"" + "t".repeat(201) + "\",\"description\":\"d\"}").statusCode(400)
                .body("violations[0].field", equalTo("title"));
        // Body over the 256K limit.
        raw(path, "{\"title\":\"t\",\"description\":\"" + "d".repeat(300 * 1024) + "\"}").statusCode(413)
                .contentType("application/problem+json").body("type", equalTo("urn:embargo:problem:payload-too-large"));
        // The same body sent without a length (chunked): cut off once over the limit, with the same problem.
        HttpResponse<String> chunked = sendChunked(path,
                "{\"title\":\"t\",\"description\":\"" + "d".repeat(300 * 1024) + "\"}");
        assertEquals(413, chunked.statusCode());
        assertEquals("application/problem+json", chunked.headers().firstValue("Content-Type").orElse(""));
        assertTrue(chunked.body().contains("\"type\":\"urn:embargo:problem:payload-too-large\""), chunked.body());
        // Invalid UTF-8.
        byte[] invalid = "{\"title\":\"t\",\"description\":\"\u00ff\u00fe\"}".getBytes(StandardCharsets.ISO_8859_1);
        given().header("X-Forwarded-For", Fixtures.randomClient()).contentType("application/json; charset=utf-8")
                .body(invalid).when().post(path).then().statusCode(400).contentType("application/problem+json")
                .body("type", anyOf(equalTo(MALFORMED), equalTo(BAD_REQUEST)));
        // Wrong media type.
        given().header("X-Forwarded-For", Fixtures.randomClient()).contentType(ContentType.TEXT).body("hello").when()
                .post(path).then().statusCode(415);
        assertEquals(0, reportsOf(project.slug()));
    }

    @Test
    void unknownProjectAndProjectWithoutPolicyTakeNoReports() {
        submit(Fixtures.randomSlug("nope"), completeReport()).statusCode(404);
        var project = Fixtures.project("nopolicy");
        submit(project.slug(), completeReport()).statusCode(409).body("type",
                equalTo("urn:embargo:problem:not-accepting-reports"));
    }

    @Test
    void tokensAreDifferentEveryTime() {
        assertNotEquals(ReportTokens.generate(), ReportTokens.generate());
    }

    /** POSTs a body of unknown length, so it goes chunked with no Content-Length for BodyLimit to look at. */
    private HttpResponse<String> sendChunked(String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(base.toURI().resolve(path)).header("Content-Type", "application/json")
                .header("X-Forwarded-For", Fixtures.randomClient()).POST(HttpRequest.BodyPublishers
                        .ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        try (var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static ValidatableResponse raw(String path, String body) {
        return given().header("X-Forwarded-For", Fixtures.randomClient()).contentType(ContentType.JSON).body(body)
                .when().post(path).then();
    }

    static long reportsOf(String slug) {
        return count("SELECT count(*) FROM intake.report r JOIN intake.project p ON p.id = r.project_id"
                + " WHERE p.slug = ?", slug);
    }

    static long count(String sql, String parameter) {
        try (Connection c = TestDatabase.superuser().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
