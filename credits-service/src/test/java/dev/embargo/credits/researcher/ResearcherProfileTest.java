package dev.embargo.credits.researcher;

import static dev.embargo.credits.PublishedCases.anonymous;
import static dev.embargo.credits.PublishedCases.named;
import static dev.embargo.credits.PublishedCases.newSlug;
import static dev.embargo.credits.PublishedCases.publishAndAwait;
import static dev.embargo.credits.PublishedCases.publishedCase;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.embargo.events.CasePublished;
import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ResearcherProfileTest {

    private static RequestSpecification as(String subject) {
        return given().auth().oauth2(Tokens.of(subject, "reporter")).contentType(ContentType.JSON);
    }

    private static String newSubject() {
        return "researcher-" + UUID.randomUUID();
    }

    private static List<String> allOutputs(String slug, String trackingId) {
        return List.of(
                given().queryParam("format", "json").get("/api/v1/projects/{s}/hall-of-fame", slug).then()
                        .statusCode(200).extract().asString(),
                given().queryParam("format", "markdown").get("/api/v1/projects/{s}/hall-of-fame", slug).then()
                        .statusCode(200).extract().asString(),
                given().queryParam("format", "html").get("/api/v1/projects/{s}/hall-of-fame", slug).then()
                        .statusCode(200).extract().asString(),
                given().queryParam("size", 200).get("/api/v1/hall-of-fame").then().statusCode(200).extract().asString(),
                given().get("/api/v1/advisories/{id}/credits", trackingId).then().statusCode(200).extract().asString());
    }

    @Test
    void reporterClaimsOwnCreditsAndIsShownWithChosenNameAndLink() {
        String subject = newSubject();
        String slug = newSlug();
        CasePublished event = publishAndAwait(publishedCase(slug, "HIGH", named("Name From Report", null, subject),
                named("Someone Else", null, newSubject())));

        as(subject).body(Map.of("displayName", "Chosen Chris", "link", "https://chris.example/"))
                .put("/api/v1/researchers/me").then().statusCode(200).body("displayName", equalTo("Chosen Chris"))
                .body("consent", equalTo(true)).body("unclaimedCredits", equalTo(1));
        as(subject).post("/api/v1/researchers/me/claims").then().statusCode(200).body("claimed", equalTo(1));
        as(subject).post("/api/v1/researchers/me/claims").then().statusCode(200).body("claimed", equalTo(0));

        as(subject).get("/api/v1/researchers/me").then().statusCode(200).body("claimedCredits", equalTo(1))
                .body("points", equalTo(50)).body("credits.trackingId", contains(event.trackingId()));
        given().get("/api/v1/projects/{s}/hall-of-fame", slug).then().statusCode(200)
                .body("entries.find { it.name == 'Chosen Chris' }.link", equalTo("https://chris.example/"))
                .body("entries.name", not(hasItem("Name From Report")));
        given().get("/api/v1/advisories/{id}/credits", event.trackingId()).then().body("credits.name",
                hasItem("Chosen Chris"));
    }

    @Test
    void withdrawingConsentRemovesTheNameFromEveryOutputButKeepsTheCreditCounted() {
        String subject = newSubject();
        String slug = newSlug();
        String name = "Withdrawn " + UUID.randomUUID().toString().substring(0, 8);
        CasePublished event = publishAndAwait(
                publishedCase(slug, "CRITICAL", named(name, "https://w.example/", subject)));
        as(subject).body(Map.of("displayName", name + " Chosen")).put("/api/v1/researchers/me").then().statusCode(200);
        as(subject).post("/api/v1/researchers/me/claims").then().statusCode(200);
        allOutputs(slug, event.trackingId()).forEach(out -> assertThat(out, containsString(name)));

        as(subject).body(Map.of("granted", false)).put("/api/v1/researchers/me/consent").then().statusCode(200)
                .body("consent", equalTo(false));

        for (String out : allOutputs(slug, event.trackingId())) {
            assertThat(out, not(containsString(name)));
            assertThat(out, not(containsString("w.example")));
        }
        given().get("/api/v1/projects/{s}/hall-of-fame", slug).then().body("entries", empty()).body("anonymousCredits",
                equalTo(1));
        given().get("/api/v1/advisories/{id}/credits", event.trackingId()).then().body("credits", empty())
                .body("anonymousCredits", equalTo(1));
        // Points stay theirs, privately.
        as(subject).get("/api/v1/researchers/me").then().body("points", equalTo(100)).body("credits[0].anonymous",
                equalTo(true));

        as(subject).body(Map.of("granted", true)).put("/api/v1/researchers/me/consent").then().statusCode(200);
        given().get("/api/v1/projects/{s}/hall-of-fame", slug).then().body("entries.name", contains(name + " Chosen"));
    }

    @Test
    void withdrawalAppliesEvenToCreditsNotYetClaimed() {
        String subject = newSubject();
        String slug = newSlug();
        String name = "Unclaimed " + UUID.randomUUID().toString().substring(0, 8);
        CasePublished event = publishAndAwait(publishedCase(slug, "LOW", named(name, null, subject)));

        as(subject).body(Map.of("granted", false)).put("/api/v1/researchers/me/consent").then().statusCode(200);

        allOutputs(slug, event.trackingId()).forEach(out -> assertThat(out, not(containsString(name))));
    }

    @Test
    void anonymousCreditStaysAnonymousAfterClaimingAndNaming() {
        String subject = newSubject();
        String slug = newSlug();
        CasePublished event = publishAndAwait(publishedCase(slug, "HIGH", anonymous(subject)));
        as(subject).body(Map.of("displayName", "Secret Sam")).put("/api/v1/researchers/me").then().statusCode(200);
        as(subject).post("/api/v1/researchers/me/claims").then().statusCode(200).body("claimed", equalTo(1));

        allOutputs(slug, event.trackingId()).forEach(out -> assertThat(out, not(containsString("Secret Sam"))));
        given().get("/api/v1/projects/{s}/hall-of-fame", slug).then().body("anonymousCredits", equalTo(1));
    }

    @Test
    void cannotClaimAnotherResearchersCredits() {
        String owner = newSubject();
        String thief = newSubject();
        String slug = newSlug();
        publishAndAwait(publishedCase(slug, "HIGH", named("Rightful Owner", null, owner)));
        as(thief).body(Map.of("displayName", "Thief")).put("/api/v1/researchers/me").then().statusCode(200);

        as(thief).post("/api/v1/researchers/me/claims").then().statusCode(200).body("claimed", equalTo(0));
        given().get("/api/v1/projects/{s}/hall-of-fame", slug).then().body("entries.name", contains("Rightful Owner"));
    }

    @Test
    void claimingNeedsAProfile() {
        as(newSubject()).post("/api/v1/researchers/me/claims").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:embargo:problem:profile-required"));
    }

    @Test
    void refusesLinksThatAreNotHttp() {
        for (String link : List.of("javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                "vbscript:msgbox(1)", "ftp://x.example/", "//evil.example")) {
            as(newSubject()).body(Map.of("displayName", "Mallory", "link", link)).put("/api/v1/researchers/me").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:embargo:problem:invalid-link")).body(not(containsString(link)));
        }
    }

    @Test
    void refusesDisplayNamesWithLineBreaksOrTooLong() {
        as(newSubject()).body(Map.of("displayName", "two\nlines")).put("/api/v1/researchers/me").then().statusCode(400)
                .body("type", equalTo("urn:embargo:problem:validation"));
        as(newSubject()).body(Map.of("displayName", "x".repeat(101))).put("/api/v1/researchers/me").then()
                .statusCode(400);
    }

    @Test
    void profileNeedsASignedInReporter() {
        given().get("/api/v1/researchers/me").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of(newSubject(), "maintainer")).get("/api/v1/researchers/me").then()
                .statusCode(403);
        as(newSubject()).get("/api/v1/researchers/me").then().statusCode(404);
    }
}
