package dev.embargo.credits;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.embargo.events.CasePublished;
import dev.embargo.events.CasePublished.Credit;
import dev.embargo.events.CreditType;
import dev.embargo.events.Severity;
import dev.embargo.testing.TestEvents;

/** Plays the triage service: publishes cases with credits, with fresh random projects and ids. */
public final class PublishedCases {

    private PublishedCases() {
    }

    public static String newSlug() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static String trackingId(String slug) {
        return slug.toUpperCase() + "-" + year() + "-"
                + String.format("%04d", ThreadLocalRandom.current().nextInt(1, 9999));
    }

    public static int year() {
        return Instant.now().atZone(ZoneOffset.UTC).getYear();
    }

    public static CasePublished publishedCase(String slug, String severity, Credit... credits) {
        return publishedCase(List.of(slug), severity, Instant.now(), credits);
    }

    public static CasePublished publishedCase(List<String> slugs, String severity, Instant at, Credit... credits) {
        return new CasePublished(UUID.randomUUID().toString(), trackingId(slugs.get(0)), slugs, at,
                severity == null ? null : Severity.valueOf(severity), 7.5, null,
                JsonNodeFactory.instance.objectNode().put("id", "x"), List.of(credits));
    }

    public static Credit named(String name, String link) {
        return new Credit(CreditType.FINDER, name, null, link, false, null);
    }

    public static Credit named(String name, String link, String subject) {
        return new Credit(CreditType.REPORTER, name, "@" + name.replaceAll("\\W", ""), link, false, subject);
    }

    public static Credit anonymous() {
        return new Credit(CreditType.FINDER, null, null, null, true, null);
    }

    public static Credit anonymous(String subject) {
        return new Credit(CreditType.REPORTER, null, null, null, true, subject);
    }

    /** Publishes and waits until the advisory's credits are served. */
    public static CasePublished publishAndAwait(CasePublished event) {
        TestEvents.publish(event);
        awaitAdvisory(event.trackingId());
        return event;
    }

    public static void awaitAdvisory(String trackingId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/api/v1/advisories/{id}/credits", trackingId).statusCode() == 200);
    }
}
