package dev.embargo.credits.halloffame;

import static dev.embargo.credits.PublishedCases.anonymous;
import static dev.embargo.credits.PublishedCases.awaitAdvisory;
import static dev.embargo.credits.PublishedCases.named;
import static dev.embargo.credits.PublishedCases.newSlug;
import static dev.embargo.credits.PublishedCases.publishAndAwait;
import static dev.embargo.credits.PublishedCases.publishedCase;
import static dev.embargo.credits.PublishedCases.year;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.embargo.events.CasePublished;
import dev.embargo.events.CreditGranted;
import dev.embargo.events.CreditType;
import dev.embargo.events.Severity;
import dev.embargo.events.Topics;
import dev.embargo.testing.TestDatabase;
import dev.embargo.testing.TestEvents;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HallOfFameTest {

    @Test
    void creditsAppearOnlyOnceTheCaseIsPublished() {
        String slug = newSlug();
        CasePublished event = publishedCase(slug, "HIGH", named("Alice Finder", "https://alice.example"));
        given().get("/api/v1/projects/{slug}/hall-of-fame", slug).then().statusCode(404);
        given().get("/api/v1/advisories/{id}/credits", event.trackingId()).then().statusCode(404);

        publishAndAwait(event);

        given().get("/api/v1/projects/{slug}/hall-of-fame", slug).then().statusCode(200)
                .contentType(startsWith("application/json")).body("project", equalTo(slug))
                .body("year", equalTo(year())).body("entries.name", contains("Alice Finder"))
                .body("entries[0].points", equalTo(50)).body("entries[0].link", equalTo("https://alice.example"))
                .body("entries[0].rank", equalTo(1)).body("anonymousCredits", equalTo(0));
        given().get("/api/v1/advisories/{id}/credits", event.trackingId()).then().statusCode(200)
                .body("trackingId", equalTo(event.trackingId())).body("projects", contains(slug))
                .body("credits.name", contains("Alice Finder")).body("credits[0].type", equalTo("FINDER"));
    }

    @Test
    void otherCaseEventsAreIgnoredSoNothingUnpublishedGetsIn() {
        String slug = newSlug();
        String caseId = UUID.randomUUID().toString();
        // An event of another type on the same topic, carrying a credit-like payload: never applied.
        TestEvents.publishRaw(Topics.TRIAGE_CASES, caseId, UUID.randomUUID().toString(), "case.fixed.v1",
                ("{\"caseId\":\"" + caseId + "\",\"trackingId\":\"" + slug.toUpperCase() + "-2026-0001\"}")
                        .getBytes(StandardCharsets.UTF_8));
        // A later published case proves the consumer moved past it.
        String other = newSlug();
        publishAndAwait(publishedCase(other, "LOW", named("Someone", null)));

        given().get("/api/v1/projects/{slug}/hall-of-fame", slug).then().statusCode(404);
        given().get("/api/v1/advisories/{id}/credits", slug.toUpperCase() + "-2026-0001").then().statusCode(404);
    }

    @Test
    void duplicateDeliveryDoesNotDoublePoints() {
        String slug = newSlug();
        CasePublished event = publishedCase(slug, "CRITICAL", named("Dup Researcher", null));
        String eventId = UUID.randomUUID().toString();
        TestEvents.publish(event, eventId);
        TestEvents.publish(event, eventId);
        // The same case published again under a new event id must not credit the same slot twice either.
        TestEvents.publish(event);
        awaitAdvisory(event.trackingId());
        // A marker published after the duplicates: once it is visible, the duplicates were consumed (same key order).
        CasePublished marker = new CasePublished(event.caseId(), event.trackingId(), List.of(slug, newSlug()),
                event.occurredAt(), event.severity(), event.cvssScore(), null, event.advisory(),
                List.of(event.credits().get(0), named("Marker", null)));
        TestEvents.publish(marker);
        await().atMost(Duration.ofSeconds(60)).until(() -> given()
                .get("/api/v1/advisories/{id}/credits", event.trackingId()).jsonPath().getList("credits").size() == 2);

        given().get("/api/v1/projects/{slug}/hall-of-fame", slug).then().statusCode(200)
                .body("entries.name", containsInAnyOrder("Dup Researcher", "Marker"))
                .body("entries.find { it.name == 'Dup Researcher' }.points", equalTo(100))
                .body("entries.find { it.name == 'Dup Researcher' }.credits", equalTo(1));
        List<CreditGranted> granted = TestEvents.read(CreditGranted.class, Duration.ofSeconds(2)).stream()
                .filter(g -> g.caseId().equals(event.caseId())).toList();
        assertThat(granted, hasSize(2));
    }

    @Test
    void caseClaimingAnotherCasesTrackingIdIsDeadLetteredAndChangesNothing() throws Exception {
        String slug = newSlug();
        CasePublished original = publishAndAwait(publishedCase(slug, "HIGH", named("Original Olga", null)));
        CasePublished impostor = new CasePublished(UUID.randomUUID().toString(), original.trackingId(), List.of(slug),
                Instant.now(), Severity.CRITICAL, 9.8, null, original.advisory(),
                List.of(named("Impostor Ivan", null)));
        String eventId = TestEvents.publish(impostor);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (var c = TestDatabase.superuser().getConnection();
                    var ps = c.prepareStatement("SELECT count(*) FROM credits.dead_letter WHERE event_id = ?")) {
                ps.setString(1, eventId);
                try (var rs = ps.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            }
        });
        given().get("/api/v1/advisories/{id}/credits", original.trackingId()).then().statusCode(200)
                .body("credits.name", contains("Original Olga"));
        given().get("/api/v1/projects/{slug}/hall-of-fame", slug).then().body("entries.name",
                contains("Original Olga"));
    }

    @Test
    void publishesCreditGrantedForEachNewCredit() {
        String slug = newSlug();
        CasePublished event = publishAndAwait(
                publishedCase(slug, "MEDIUM", named("Granted One", null, "subject-" + UUID.randomUUID()), anonymous()));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<CreditGranted> granted = TestEvents.read(CreditGranted.class, Duration.ofSeconds(1)).stream()
                    .filter(g -> g.caseId().equals(event.caseId())).toList();
            assertThat(granted, hasSize(2));
            assertThat(granted.stream().map(CreditGranted::points).distinct().toList(), contains(20));
            assertThat(granted.stream().filter(CreditGranted::anonymous).count(), equalTo(1L));
            assertThat(granted.get(0).projectSlug(), equalTo(slug));
            assertThat(granted.get(0).trackingId(), equalTo(event.trackingId()));
        });
    }

    @Test
    void anonymousCreditsAreCountedAndNeverNamed() {
        String slug = newSlug();
        String subject = "anon-" + UUID.randomUUID();
        CasePublished event = publishAndAwait(publishedCase(slug, "HIGH", named("Visible Vera", null), anonymous(),
                anonymous(subject), new CasePublished.Credit(CreditType.ANALYST, "Should Not Show", "@nope",
                        "https://nope.example", true, null)));

        String json = given().get("/api/v1/projects/{slug}/hall-of-fame", slug).then().statusCode(200)
                .body("entries.name", contains("Visible Vera")).body("anonymousCredits", equalTo(3)).extract()
                .asString();
        String markdown = given().queryParam("format", "markdown").get("/api/v1/projects/{slug}/hall-of-fame", slug)
                .then().statusCode(200).body(containsString("and 3 anonymous researchers")).extract().asString();
        String html = given().accept("text/html").get("/api/v1/projects/{slug}/hall-of-fame", slug).then()
                .statusCode(200).body(containsString("3 anonymous researchers")).extract().asString();
        String advisory = given().get("/api/v1/advisories/{id}/credits", event.trackingId()).then().statusCode(200)
                .body("credits.name", contains("Visible Vera")).body("anonymousCredits", equalTo(3)).extract()
                .asString();
        for (String output : List.of(json, markdown, html, advisory)) {
            assertThat(output, not(containsString("Should Not Show")));
            assertThat(output, not(containsString("nope")));
            assertThat(output, not(containsString(subject)));
        }
    }

    @Test
    void outputsNeverShowEmailsSubjectsOrInternalIds() {
        String slug = newSlug();
        String subject = "leak-" + UUID.randomUUID();
        CasePublished event = publishAndAwait(publishedCase(slug, "LOW", named("Lea", null, subject)));

        for (String format : List.of("json", "markdown", "html")) {
            String body = given().queryParam("format", format).get("/api/v1/projects/{slug}/hall-of-fame", slug).then()
                    .statusCode(200).extract().asString();
            assertThat(body, containsString("Lea"));
            assertThat(body, not(containsString(subject)));
            assertThat(body, not(containsString("@example.org")));
            assertThat(body, not(containsString(event.caseId())));
            assertThat(body.matches("(?s).*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}.*"),
                    equalTo(false));
        }
        String advisory = given().get("/api/v1/advisories/{id}/credits", event.trackingId()).then().statusCode(200)
                .extract().asString();
        assertThat(advisory, not(containsString(subject)));
        assertThat(advisory, not(containsString(event.caseId())));
    }

    @Test
    void pointsFollowSeverityAndTiesAreOrderedByEarliestCredit() {
        String slug = newSlug();
        Instant now = Instant.now();
        publishAndAwait(publishedCase(List.of(slug), "LOW", now.minusSeconds(300), named("Late Low", null)));
        publishAndAwait(publishedCase(List.of(slug), "LOW", now.minusSeconds(600), named("Early Low", null)));
        publishAndAwait(publishedCase(List.of(slug), "CRITICAL", now.minusSeconds(100), named("Critical Cleo", null)));

        given().get("/api/v1/projects/{slug}/hall-of-fame", slug).then().statusCode(200)
                .body("entries.name", contains("Critical Cleo", "Early Low", "Late Low"))
                .body("entries.points", contains(100, 10, 10)).body("entries.rank", contains(1, 2, 3));
        // Paging keeps the same order and the ranks of the whole list.
        given().queryParam("page", 1).queryParam("size", 2).get("/api/v1/projects/{slug}/hall-of-fame", slug).then()
                .statusCode(200).body("entries.name", contains("Late Low")).body("entries[0].rank", equalTo(3))
                .body("totalEntries", equalTo(3));
    }

    @Test
    void leaderboardsArePerYearAndPerProjectWithPlatformWideTotals() {
        String slug = newSlug();
        String otherSlug = newSlug();
        String name = "Multi " + UUID.randomUUID().toString().substring(0, 8);
        Instant lastYear = Instant.now().minus(Duration.ofDays(400));
        int lastYearNumber = lastYear.atZone(ZoneOffset.UTC).getYear();
        publishAndAwait(publishedCase(List.of(slug), "HIGH", Instant.now(), named(name, null)));
        publishAndAwait(publishedCase(List.of(otherSlug), "MEDIUM", Instant.now(), named(name, null)));
        publishAndAwait(publishedCase(List.of(slug), "CRITICAL", lastYear, named(name, null)));

        given().get("/api/v1/projects/{slug}/hall-of-fame", slug).then().body("entries[0].points", equalTo(50));
        given().queryParam("year", lastYearNumber).get("/api/v1/projects/{slug}/hall-of-fame", slug).then()
                .body("year", equalTo(lastYearNumber)).body("entries[0].points", equalTo(100));
        given().queryParam("size", 200).get("/api/v1/hall-of-fame").then().statusCode(200).body("project", nullValue())
                .body("entries.find { it.name == '" + name + "' }.points", equalTo(70))
                .body("entries.find { it.name == '" + name + "' }.credits", equalTo(2));
    }

    @Test
    void servesMarkdownAndHtmlByNegotiationOrFormatParameter() {
        String slug = newSlug();
        publishAndAwait(publishedCase(slug, "HIGH", named("Format Fay", "https://fay.example/")));

        given().accept("text/markdown").get("/api/v1/projects/{slug}/hall-of-fame", slug).then().statusCode(200)
                .contentType(startsWith("text/markdown")).body(containsString("1. [Format Fay](https://fay.example/)"));
        given().accept("text/html,application/xhtml+xml,*/*;q=0.8").get("/api/v1/projects/{slug}/hall-of-fame", slug)
                .then().statusCode(200).contentType(startsWith("text/html")).body(startsWith("<!DOCTYPE html>"))
                .body(containsString("<a href=\"https://fay.example/\""))
                .header("Content-Security-Policy", containsString("default-src 'none'"));
        given().accept("application/json").queryParam("format", "html")
                .get("/api/v1/projects/{slug}/hall-of-fame", slug).then().statusCode(200)
                .contentType(startsWith("text/html"));
        given().queryParam("format", "pdf").get("/api/v1/projects/{slug}/hall-of-fame", slug).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:embargo:problem:unknown-format"))
                .body(not(containsString("pdf")));
        given().accept("image/png").get("/api/v1/projects/{slug}/hall-of-fame", slug).then().statusCode(406);
    }

    @Test
    void conditionalGetAnswersNotModifiedUntilTheHallChanges() {
        String slug = newSlug();
        publishAndAwait(publishedCase(slug, "HIGH", named("Etag Eli", null)));

        for (String format : List.of("json", "markdown", "html")) {
            String etag = given().queryParam("format", format).get("/api/v1/projects/{slug}/hall-of-fame", slug).then()
                    .statusCode(200).extract().header("ETag");
            assertThat(etag, startsWith("\""));
            given().queryParam("format", format).header("If-None-Match", etag)
                    .get("/api/v1/projects/{slug}/hall-of-fame", slug).then().statusCode(304).header("ETag", etag);
        }
        String etag = given().get("/api/v1/projects/{slug}/hall-of-fame", slug).then().extract().header("ETag");
        publishAndAwait(publishedCase(slug, "LOW", named("Newcomer", null)));
        given().header("If-None-Match", etag).get("/api/v1/projects/{slug}/hall-of-fame", slug).then().statusCode(200)
                .body("entries.name", contains("Etag Eli", "Newcomer"));
    }

    @Test
    void advisoryCreditsSupportConditionalGet() {
        String slug = newSlug();
        CasePublished event = publishAndAwait(publishedCase(slug, "HIGH", named("Adv Ada", null)));

        String etag = given().get("/api/v1/advisories/{id}/credits", event.trackingId()).then().statusCode(200)
                .extract().header("ETag");
        given().header("If-None-Match", etag).get("/api/v1/advisories/{id}/credits", event.trackingId()).then()
                .statusCode(304);
    }

    @Test
    void unknownOrMalformedIdsAnswerLikeNothingExists() {
        String body404 = given().get("/api/v1/projects/{slug}/hall-of-fame", newSlug()).then().statusCode(404)
                .contentType("application/problem+json").extract().asString();
        String malformed = given().get("/api/v1/projects/{slug}/hall-of-fame", "NOT_A_SLUG").then().statusCode(404)
                .extract().asString();
        assertThat(malformed, equalTo(body404));
        given().get("/api/v1/advisories/{id}/credits", "<script>").then().statusCode(404)
                .body(not(containsString("script")));
    }

    @Test
    void refusesInvalidPaging() {
        given().queryParam("size", 0).get("/api/v1/hall-of-fame").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("page", -1).get("/api/v1/hall-of-fame").then().statusCode(400);
    }
}
