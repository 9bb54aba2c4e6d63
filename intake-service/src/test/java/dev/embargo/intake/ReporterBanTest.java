package dev.embargo.intake;

import static dev.embargo.intake.Fixtures.completeReport;
import static dev.embargo.intake.Fixtures.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.intake.reports.ReporterPseudonyms;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Owners who set a ban threshold get automatic bans of repeat violators. None of the five shipped policies sets one
 * (Open WebUI's "repeat violators may be banned" names no number, see {@code PolicyFidelityTest}), so the owners here
 * publish their own.
 */
@QuarkusTest
class ReporterBanTest {

    @Inject
    ReporterPseudonyms pseudonyms;

    static final String POLICY = """
            {"name":"Strict","channels":[{"kind":"PLATFORM"}],
             "reportFields":{"component":"OPTIONAL","versionTested":"OPTIONAL","description":"REQUIRED",
               "impact":"OPTIONAL","stepsToReproduce":"OPTIONAL","proofOfConcept":"REQUIRED","suggestedFix":"OPTIONAL"},
             "lowEffort":{"minDescriptionLength":0,"proofOfConceptRequired":true,"patchRequired":false,
               "banThreshold":2}}""";

    @Test
    void bansARepeatViolatorAfterTheOwnersThresholdAndOwnersMayLiftTheBan() {
        var project = Fixtures.project("strict");
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON).body(POLICY).when()
                .put(project.path() + "/policy").then().statusCode(201);
        String client = Fixtures.randomClient();
        Map<String, Object> lazy = completeReport();
        lazy.remove("proofOfConcept");
        for (int i = 0; i < 2; i++) {
            lazy.put("title", "Attempt " + i);
            submit(project.slug(), lazy, client).statusCode(422).body("type",
                    equalTo("urn:embargo:problem:low-effort"));
        }
        // Other reporters are unaffected.
        Map<String, Object> good = completeReport();
        String before = submit(project.slug(), good).statusCode(201).extract().path("trackingId");
        // Banned (the client has used 4 of its 5 submissions an hour in tests): told so whatever they send, an
        // acceptable report or another low-effort one (no further strike).
        good.put("title", "A good report from a banned reporter");
        submit(project.slug(), good, client).statusCode(403).body("type",
                equalTo("urn:embargo:problem:reporter-banned"));
        lazy.put("title", "Attempt after the ban");
        submit(project.slug(), lazy, client).statusCode(403).body("type",
                equalTo("urn:embargo:problem:reporter-banned"));
        // The refused reports burnt no tracking number.
        good.put("title", "The next report of another reporter");
        String next = submit(project.slug(), good).statusCode(201).extract().path("trackingId");
        assertEquals(number(before) + 1, number(next), before + " then " + next);
        String reporter = pseudonyms.of(client);
        given().auth().oauth2(project.ownerToken()).when().get(project.path() + "/reporter-standings").then()
                .statusCode(200).body("find { it.reporter == '" + reporter + "' }.banned", equalTo(true))
                .body("find { it.reporter == '" + reporter + "' }.strikes", equalTo(2));
        given().auth().oauth2(project.ownerToken()).when().delete(project.path() + "/reporter-standings/" + reporter)
                .then().statusCode(204);
        good.put("title", "After the ban was lifted");
        submit(project.slug(), good, client).statusCode(201);
    }

    private static int number(String trackingId) {
        return Integer.parseInt(trackingId.substring(trackingId.lastIndexOf('-') + 1));
    }
}
