package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.triage.deadlines.SlaScheduler;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AdvisoryExportTest {

    private static final Path STANDARDS = Path.of("").toAbsolutePath().getParent().resolve("../shared/standards")
            .normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Ciphers ciphers;
    @Inject
    SlaScheduler scheduler;

    private static JsonSchema schema(String file, String fragment) {
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix("https://www.first.org/cvss/",
                        STANDARDS.resolve("csaf/referenced_schema/first").toUri() + "/")));
        return factory.getSchema(SchemaLocation.of(STANDARDS.resolve(file).toUri() + fragment));
    }

    private static void assertValid(String file, String fragment, JsonNode doc) {
        Set<ValidationMessage> errors = schema(file, fragment).validate(doc);
        assertTrue(errors.isEmpty(), file + ": " + errors);
    }

    private JsonNode advisory(Fixtures.TestReport r, String format) throws Exception {
        String body = given().auth().oauth2(tokenOf(r)).queryParam("format", format)
                .get("/api/v1/cases/" + r.caseId() + "/advisory").then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }

    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private String tokenOf(Fixtures.TestReport r) {
        return tokens.get(r.caseId());
    }

    private Fixtures.TestReport remember(Fixtures.TestReport r, Fixtures.TestProject p) {
        tokens.put(r.caseId(), p.token());
        return r;
    }

    @Test
    void exportsOfAPublishedCaseValidateAgainstTheOfficialSchemas() throws Exception {
        for (String vector : List.of("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")) {
            var p = Fixtures.project(Fixtures.policy(0, null));
            var r = remember(publish(p, ReportContent.Visibility.PUBLIC, vector), p);
            JsonNode osv = advisory(r, "osv");
            assertValid("osv/schema.json", "", osv);
            assertTrue(osv.get("id").asText().startsWith("x_"));
            assertEquals("Ada Lovelace", osv.at("/credits/0/name").asText());
            assertValid("cve5/CVE_Record_Format_bundled.json", "#/definitions/cnaPublishedContainer",
                    advisory(r, "cve5"));
            assertValid("csaf/csaf_json_schema.json", "", advisory(r, "csaf"));
        }
    }

    @Test
    void theSchemasRejectADocumentThatIsNotAnAdvisory() throws Exception {
        JsonNode junk = JSON.readTree("{\"id\": \"NOT-A-PREFIX-1\", \"modified\": \"yesterday\"}");
        assertFalse(schema("osv/schema.json", "").validate(junk).isEmpty());
        assertFalse(schema("cve5/CVE_Record_Format_bundled.json", "#/definitions/cnaPublishedContainer").validate(junk)
                .isEmpty());
        assertFalse(schema("csaf/csaf_json_schema.json", "").validate(junk).isEmpty());
    }

    @Test
    void casePublishedCarriesTheAdvisoryAndOnlyConsentedCreditsAnonymousWithoutName() throws Exception {
        var p = Fixtures.project(Fixtures.policy(0, null));
        var anonymous = publish(p, ReportContent.Visibility.ANONYMOUS, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        JsonNode event = JSON
                .readTree(
                        Rows.strings(
                                "SELECT convert_from(payload, 'UTF8') FROM triage.outbox"
                                        + " WHERE message_key = ? AND event_type = 'case.published.v1'",
                                anonymous.caseId()).get(0));
        assertTrue(event.at("/credits/0/anonymous").asBoolean());
        assertTrue(event.at("/credits/0/name").isMissingNode() || event.at("/credits/0/name").isNull());
        assertEquals("x_embargo-" + anonymous.trackingId(), event.at("/advisory/id").asText());
        assertValid("osv/schema.json", "", event.get("advisory"));

        var none = publish(p, ReportContent.Visibility.NONE, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        JsonNode quiet = JSON.readTree(Rows.strings("SELECT convert_from(payload, 'UTF8') FROM triage.outbox"
                + " WHERE message_key = ? AND event_type = 'case.published.v1'", none.caseId()).get(0));
        assertEquals(0, quiet.get("credits").size());
    }

    @Test
    void aFixedCaseIsPublishedByTheSchedulerOnTheAgreedDateAfterTheHeadsUpNotice() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        String t = "/api/v1/cases/" + r.caseId() + "/transitions";
        var as = given().auth().oauth2(p.token()).contentType("application/json");
        as.body(Map.of("action", "ACKNOWLEDGE")).post(t).then().statusCode(200);
        as.body(Map.of("action", "TRIAGE", "severity", "LOW")).post(t).then().statusCode(200);
        as.body(Map.of("status", "FIXED")).put("/api/v1/cases/" + r.caseId() + "/projects/" + p.slug()).then()
                .statusCode(200);
        LocalDate date = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        as.body(Map.of("date", date.toString())).put("/api/v1/cases/" + r.caseId() + "/disclosure").then()
                .statusCode(200);
        given().header("X-Report-Token", r.reportToken())
                .post("/api/v1/reporter/cases/" + r.trackingId() + "/disclosure/accept").then().statusCode(200);
        // A date without hour or zone is the start of that day in the project's zone (the test policy's Europe/Berlin).
        Instant start = date.atStartOfDay(java.time.ZoneId.of("Europe/Berlin")).toInstant();
        scheduler.tick(date.minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        // Midnight of the date is not enough: the heads-up released at midnight seven days earlier gets its margin.
        scheduler.tick(start.plusSeconds(60));
        as.get("/api/v1/cases/" + r.caseId()).then().body("state", equalTo("TRIAGED"));
        scheduler.tick(start.plus(Duration.ofHours(1)));
        as.get("/api/v1/cases/" + r.caseId()).then().body("state", equalTo("PUBLISHED"));
        assertTrue(Rows.eventTypes(r.caseId()).contains("case.published.v1"));
    }

    @Test
    void anUnfixedCaseIsNotPublishedOnTheAgreedDate() {
        var p = Fixtures.project(Fixtures.policy(0, null));
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        String t = "/api/v1/cases/" + r.caseId() + "/transitions";
        var as = given().auth().oauth2(p.token()).contentType("application/json");
        as.body(Map.of("action", "ACKNOWLEDGE")).post(t).then().statusCode(200);
        as.body(Map.of("action", "TRIAGE", "severity", "LOW")).post(t).then().statusCode(200);
        LocalDate date = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        as.body(Map.of("date", date.toString())).put("/api/v1/cases/" + r.caseId() + "/disclosure").then()
                .statusCode(200);
        given().header("X-Report-Token", r.reportToken())
                .post("/api/v1/reporter/cases/" + r.trackingId() + "/disclosure/accept").then().statusCode(200);
        scheduler.tick(date.plusDays(30).atStartOfDay().toInstant(ZoneOffset.UTC));
        as.get("/api/v1/cases/" + r.caseId()).then().body("state", equalTo("TRIAGED"));
        assertFalse(Rows.eventTypes(r.caseId()).contains("case.published.v1"));
    }

    @Test
    void theSchedulerNeverPublishesATriagedOrFixingCaseAtTheDeadlineWithoutTheOptIn() {
        for (Boolean optIn : java.util.Arrays.asList(null, Boolean.FALSE)) {
            var p = Fixtures.project(Fixtures.policy(7, optIn));
            for (String state : List.of("TRIAGED", "FIXING")) {
                var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
                String t = "/api/v1/cases/" + r.caseId() + "/transitions";
                var as = given().auth().oauth2(p.token()).contentType("application/json");
                as.body(Map.of("action", "ACKNOWLEDGE")).post(t).then().statusCode(200);
                as.body(Map.of("action", "TRIAGE", "severity", "MEDIUM")).post(t).then().statusCode(200);
                if (state.equals("FIXING")) {
                    as.body(Map.of("action", "START_FIX")).post(t).then().statusCode(200);
                }
                Instant submitted = r.event().submittedAt();
                // Past the 90-day deadline, and a year later: the deadline breaches, the case stays embargoed.
                scheduler.tick(submitted.plus(Duration.ofDays(91)));
                scheduler.tick(submitted.plus(Duration.ofDays(400)));
                as.get("/api/v1/cases/" + r.caseId()).then().body("state", equalTo(state));
                List<String> events = Rows.eventTypes(r.caseId());
                assertFalse(events.contains("case.published.v1"), events.toString());
                assertFalse(events.contains("case.disclosure-scheduled.v1"), events.toString());
                assertEquals(1, Rows.count("SELECT count(*) FROM triage.outbox WHERE message_key = ?"
                        + " AND event_type = 'sla.breached.v1' AND convert_from(payload, 'UTF8') LIKE '%DISCLOSE%'",
                        r.caseId()), "the deadline breaches once: " + events);
            }
        }
    }

    @Test
    void aPolicyThatOptsInPublishesAnUnfixedCaseAfterTheDeadlineAndTheHeadsUpNotice() {
        var p = Fixtures.project(Fixtures.policy(7, true));
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        String t = "/api/v1/cases/" + r.caseId() + "/transitions";
        var as = given().auth().oauth2(p.token()).contentType("application/json");
        as.body(Map.of("action", "ACKNOWLEDGE")).post(t).then().statusCode(200);
        as.body(Map.of("action", "TRIAGE", "severity", "MEDIUM")).post(t).then().statusCode(200);
        Instant submitted = r.event().submittedAt();
        scheduler.tick(submitted.plus(Duration.ofDays(88)));
        as.get("/api/v1/cases/" + r.caseId()).then().body("state", equalTo("TRIAGED"));
        Instant deadline = submitted.plus(Duration.ofDays(91));
        scheduler.tick(deadline);
        // The deadline scheduled the disclosure (so the heads-up goes out now); publication waits the notice.
        as.get("/api/v1/cases/" + r.caseId()).then().body("state", equalTo("TRIAGED"))
                .body("disclosureStatus", equalTo("AGREED")).body("publicationForced", equalTo(true));
        scheduler.tick(deadline.plus(Duration.ofDays(7)));
        as.get("/api/v1/cases/" + r.caseId()).then().body("state", equalTo("TRIAGED"));
        scheduler.tick(deadline.plus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
        as.get("/api/v1/cases/" + r.caseId()).then().body("state", equalTo("PUBLISHED"));
        List<String> events = Rows.eventTypes(r.caseId());
        assertTrue(events.indexOf("case.disclosure-scheduled.v1") < events.indexOf("case.published.v1"),
                events.toString());
        as.get("/api/v1/cases/" + r.caseId() + "/history").then().body("action",
                org.hamcrest.Matchers.hasItem("DEADLINE_DISCLOSURE"));
    }

    private Fixtures.TestReport publish(Fixtures.TestProject p, ReportContent.Visibility credit, String vector) {
        var r = Fixtures.report(ciphers, p, credit);
        String t = "/api/v1/cases/" + r.caseId() + "/transitions";
        var as = given().auth().oauth2(p.token()).contentType("application/json");
        as.body(Map.of("action", "ACKNOWLEDGE")).post(t).then().statusCode(200);
        as.body(Map.of("action", "TRIAGE", "cvssVector", vector)).post(t).then().statusCode(200);
        as.body(Map.of("cweIds", List.of("CWE-79"))).put("/api/v1/cases/" + r.caseId() + "/severity").then()
                .statusCode(200);
        as.body(Map.of("status", "FIXED", "fixedVersions", "1.2.4", "statement", "fixed"))
                .put("/api/v1/cases/" + r.caseId() + "/projects/" + p.slug()).then().statusCode(200);
        as.body(Map.of("action", "MARK_FIXED")).post(t).then().statusCode(200);
        // The guard: today agreed with the reporter (the policy gives no heads-up to wait for).
        as.body(Map.of("date", LocalDate.now(Fixtures.POLICY_ZONE).toString()))
                .put("/api/v1/cases/" + r.caseId() + "/disclosure").then().statusCode(200);
        given().header("X-Report-Token", r.reportToken())
                .post("/api/v1/reporter/cases/" + r.trackingId() + "/disclosure/accept").then().statusCode(200);
        as.body(Map.of("action", "PUBLISH")).post(t).then().statusCode(200).body("state", equalTo("PUBLISHED"));
        return r;
    }
}
