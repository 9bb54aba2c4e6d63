package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** "My reports": a signed-in reporter's own cases across projects, newest first, without their content. */
@QuarkusTest
class MyReportsApiTest {

    private static final String MINE = "/api/v1/reporter/me/cases";

    @Inject
    Ciphers ciphers;

    @Test
    void aReporterSeesTheirOwnReportsNewestFirstAndNoOneElses() {
        var p = Fixtures.project();
        var q = Fixtures.project();
        String reporter = Fixtures.random("reporter");
        String someoneElse = Fixtures.random("reporter");
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var older = Fixtures.reportBy(ciphers, p, reporter, now.minus(Duration.ofHours(2)));
        var newer = Fixtures.reportBy(ciphers, q, reporter, now.minus(Duration.ofHours(1)));
        var theirs = Fixtures.reportBy(ciphers, p, someoneElse, now.minus(Duration.ofMinutes(30)));
        var anonymous = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE, now);
        given().auth().oauth2(p.token()).contentType(ContentType.JSON).body(Map.of("action", "ACKNOWLEDGE"))
                .post("/api/v1/cases/" + older.caseId() + "/transitions").then().statusCode(200);

        var answer = given().auth().oauth2(Tokens.of(reporter)).get(MINE).then().statusCode(200)
                .contentType(ContentType.JSON).body("trackingId", contains(newer.trackingId(), older.trackingId()))
                .body("projectSlug", contains(q.slug(), p.slug())).body("state", contains("NEW", "ACKNOWLEDGED"))
                .body("submittedAt",
                        contains(newer.event().submittedAt().toString(), older.event().submittedAt().toString()))
                .body("nextDueAt", everyItem(notNullValue())).extract();
        // Status only: no report content, no contact, no case id.
        List<Map<String, Object>> rows = answer.jsonPath().getList("$");
        for (var row : rows) {
            assertEquals(Set.of("trackingId", "projectSlug", "state", "resolution", "submittedAt", "nextDueAt"),
                    row.keySet(), "fields of " + row);
        }
        String body = answer.asString();
        for (String leak : List.of("Stored XSS", "reporter@example.org", "alert(1)", older.caseId(), newer.caseId(),
                theirs.trackingId(), anonymous.trackingId())) {
            assertFalse(body.contains(leak), leak + " in " + body);
        }

        given().auth().oauth2(Tokens.of(someoneElse)).get(MINE).then().statusCode(200).body("trackingId",
                contains(theirs.trackingId()));
        given().auth().oauth2(Tokens.of(Fixtures.random("reporter"))).get(MINE).then().statusCode(200).body("$",
                empty());
    }

    @Test
    void aWithdrawnReportShowsItsResolution() {
        var p = Fixtures.project();
        String reporter = Fixtures.random("reporter");
        var r = Fixtures.reportBy(ciphers, p, reporter, Instant.now());
        given().header("X-Report-Token", r.reportToken())
                .post("/api/v1/reporter/cases/" + r.trackingId() + "/withdrawal").then().statusCode(200);
        given().auth().oauth2(Tokens.of(reporter)).get(MINE).then().statusCode(200)
                .body("trackingId", contains(r.trackingId())).body("state", contains("CLOSED"))
                .body("resolution", contains("WITHDRAWN")).body("[0].nextDueAt", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void withoutATokenItIsUnauthorized() {
        given().get(MINE).then().statusCode(401);
        given().auth().oauth2(Tokens.expired(Fixtures.random("reporter"))).get(MINE).then().statusCode(401);
    }
}
