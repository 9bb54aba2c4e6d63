package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.triage.deadlines.SlaScheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 14: disclosure at a date, hour and time zone agreed with the reporter, shown to everyone in their own zone; the
 * scheduler publishes at that instant, not at a UTC midnight.
 */
@QuarkusTest
class DisclosureInstantTest {

    @Inject
    Ciphers ciphers;
    @Inject
    SlaScheduler scheduler;

    @Test
    void anAgreedDateHourAndZoneIsOneInstantShownInEachReadersZoneAndPublishedThen() {
        // No heads-up notice period, so the agreed instant itself is the earliest publication.
        var p = Fixtures.project(Fixtures.policy(0, null));
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        String c = "/api/v1/cases/" + r.caseId();
        as(p).body(Map.of("action", "ACKNOWLEDGE")).post(c + "/transitions").then().statusCode(200);
        as(p).body(Map.of("action", "TRIAGE", "severity", "HIGH")).post(c + "/transitions").then().statusCode(200);
        // The publication guard: the affected project is fixed.
        as(p).body(Map.of("status", "FIXED")).put(c + "/projects/" + p.slug()).then().statusCode(200);
        LocalDate day = LocalDate.now().plusDays(10);
        Instant at = ZonedDateTime.of(day.atTime(14, 0), ZoneId.of("America/New_York")).toInstant();
        as(p).body(Map.of("date", day.toString(), "time", "14:00", "timeZone", "America/New_York"))
                .put(c + "/disclosure").then().statusCode(200).body("disclosureStatus", equalTo("PROPOSED"))
                .body("disclosure.at", equalTo(at.toString())).body("disclosure.timeZone", equalTo("America/New_York"))
                .body("disclosure.agreedLocal", containsString(day + "T14:00"));
        // The reporter reads it in their own zone and agrees (the test policy agrees dates with the reporter).
        given().header("X-Report-Token", r.reportToken()).queryParam("tz", "Asia/Tokyo")
                .get("/api/v1/reporter/cases/" + r.trackingId()).then().statusCode(200).body("disclosure.readerLocal",
                        equalTo(at.atZone(ZoneId.of("Asia/Tokyo")).toOffsetDateTime().toString()));
        given().header("X-Report-Token", r.reportToken()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/reporter/cases/" + r.trackingId() + "/disclosure/accept").then().statusCode(200)
                .body("disclosureStatus", equalTo("AGREED"));
        String scheduled = Rows.strings("SELECT convert_from(payload, 'UTF8') FROM triage.outbox WHERE message_key = ?"
                + " AND event_type = 'case.disclosure-scheduled.v1'", r.caseId()).get(0);
        assertTrue(scheduled.contains("\"disclosureAt\":\"" + at + "\""), scheduled);
        assertTrue(scheduled.contains("\"timeZone\":\"America/New_York\""), scheduled);
        // A minute before the agreed hour nothing happens; a minute after, it is published.
        scheduler.tick(at.minusSeconds(60));
        as(p).get(c).then().body("state", equalTo("TRIAGED"));
        scheduler.tick(at.plusSeconds(60));
        as(p).get(c).then().body("state", equalTo("PUBLISHED"));
    }

    @Test
    void aDateWithoutHourOrZoneMeansTheStartOfTheDayInTheProjectsZone() {
        var p = Fixtures.project(); // the test policy's time zone is Europe/Berlin
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        LocalDate day = LocalDate.now().plusDays(5);
        as(p).body(Map.of("date", day.toString())).put("/api/v1/cases/" + r.caseId() + "/disclosure").then()
                .statusCode(200).body("disclosureDate", equalTo(day.toString()))
                .body("disclosure.timeZone", equalTo("Europe/Berlin"))
                .body("disclosure.at", equalTo(day.atStartOfDay(ZoneId.of("Europe/Berlin")).toInstant().toString()));
    }

    @Test
    void anUnknownZoneOrAnHourInThePastIsRefusedAndNothingChanges() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        String c = "/api/v1/cases/" + r.caseId();
        String before = Rows.snapshot(r.caseId());
        as(p).body(Map.of("date", LocalDate.now().plusDays(3).toString(), "timeZone", "Mars/Olympus_Mons"))
                .put(c + "/disclosure").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:embargo:problem:invalid-time-zone")).body(not(containsString("Mars")));
        String yesterday = LocalDate.now(ZoneId.of("UTC")).minusDays(1).toString();
        as(p).body(Map.of("date", yesterday, "time", "10:00", "timeZone", "UTC")).put(c + "/disclosure").then()
                .statusCode(400).body("type", equalTo("urn:embargo:problem:invalid-date"));
        assertEquals(before, Rows.snapshot(r.caseId()));
    }

    private static io.restassured.specification.RequestSpecification as(Fixtures.TestProject p) {
        return given().auth().oauth2(p.token()).contentType(ContentType.JSON);
    }
}
