package dev.embargo.platform.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import dev.embargo.platform.e2e.Platform.Service;
import dev.embargo.testing.MailTestResource;
import dev.embargo.testing.TestDatabase;
import dev.embargo.testing.TestKafka;

/**
 * One report through the whole platform, four services as separate processes: submitted, acknowledged to the reporter
 * by email, triaged with a CVSS vector, a second project added, fixed, disclosure date agreed, published; the exports
 * are valid, the hall of fame shows the consented credit, mail went to the right people, and an unpublished report's
 * canary, also in the history reason, statement and fixed versions its maintainers wrote, is in no database file, Kafka
 * segment or service log.
 */
class EndToEndTest {

    static final Path STANDARDS = Path.of("").toAbsolutePath().getParent().resolve("../shared/standards").normalize();
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void reportTravelsFromSubmissionToHallOfFameWithoutLeakingItsContent() throws Exception {
        Platform platform = Platform.get();
        Api api = new Api(platform);
        String canary = "CANARY-" + UUID.randomUUID();
        String reporterEmail = "rita-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String creditName = "Rita Researcher " + UUID.randomUUID().toString().substring(0, 4);

        // Published: a report to fim with pod as partner; neither policy text gives heads-up subscribers a notice
        // period, so the publication guard lets the lead publish once both are fixed and the date has come.
        var submitted = api.submit("fim", Api.report("Path traversal in upload " + canary,
                "The upload handler joins the client-supplied name to the root without normalising it. " + canary,
                reporterEmail, creditName));
        assertEquals(201, submitted.status());
        String trackingId = submitted.trackingId();
        // A second report that stays embargoed: after the run its canary must be on no disk and in no log.
        String embargoed = "EMBARGOED-" + UUID.randomUUID();
        // Open WebUI's policy takes reports only through its GitHub repository, so this one goes to OpenPanel.
        var unpublished = api.submit("openpanel", Api.report("Stored XSS in chat " + embargoed,
                "Markdown rendering of chat messages lets a crafted message run script in another user's session: the"
                        + " renderer allows raw HTML in link titles, so an onerror handler on an injected image runs"
                        + " with the victim's session and can read their API keys. " + embargoed,
                "embargoed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "Embargoed Reporter"));
        assertEquals(201, unpublished.status());

        await().atMost(60, TimeUnit.SECONDS).until(() -> !mailTo(reporterEmail).isEmpty());

        String caseId = await().atMost(60, TimeUnit.SECONDS).until(() -> api.caseId("fim", trackingId),
                id -> id != null);
        String cases = "/api/v1/cases/" + caseId;
        api.asOwner("GET", Service.TRIAGE, cases, null).then().statusCode(200).body("trackingId", equalTo(trackingId));

        transition(api, cases, Map.of("action", "ACKNOWLEDGE"));
        transition(api, cases,
                Map.of("action", "TRIAGE", "cvssVector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
        api.asOwner("POST", Service.TRIAGE, cases + "/projects", Map.of("projectSlug", "pod")).then()
                .statusCode(lessThan(300));
        transition(api, cases, Map.of("action", "START_FIX"));
        for (String slug : List.of("fim", "pod")) {
            api.asOwner("PUT", Service.TRIAGE, cases + "/projects/" + slug,
                    Map.of("status", "FIXED", "fixedVersions", "2.0.1", "statement", "Fixed in 2.0.1.")).then()
                    .statusCode(lessThan(300));
        }
        transition(api, cases, Map.of("action", "MARK_FIXED"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        api.asOwner("PUT", Service.TRIAGE, cases + "/disclosure", Map.of("date", today)).then()
                .statusCode(lessThan(300));
        String disclosure = given().baseUri(platform.url(Service.TRIAGE)).header("X-Report-Token", submitted.token())
                .get("/api/v1/reporter/cases/{trk}", trackingId).then().statusCode(200).extract()
                .path("disclosureStatus");
        if ("PROPOSED".equals(disclosure)) {
            // The reporter agrees to the maintainers' date with the token they got at submission.
            given().baseUri(platform.url(Service.TRIAGE)).header("X-Report-Token", submitted.token())
                    .contentType("application/json").body("{}")
                    .post("/api/v1/reporter/cases/{trk}/disclosure/accept", trackingId).then()
                    .statusCode(lessThan(300));
        }
        var state = api.asOwner("GET", Service.TRIAGE, cases, null).then().statusCode(200).extract().path("state");
        if (!"PUBLISHED".equals(state)) {
            transition(api, cases, Map.of("action", "PUBLISH"));
        }
        api.asOwner("GET", Service.TRIAGE, cases, null).then().body("state", equalTo("PUBLISHED"));

        validate(api, cases, "osv", STANDARDS.resolve("osv/schema.json"));
        validate(api, cases, "cve5", STANDARDS.resolve("cve5/CVE_Record_Format_bundled.json").toUri()
                + "#/definitions/cnaPublishedContainer");
        validate(api, cases, "csaf", STANDARDS.resolve("csaf/csaf_json_schema.json"));

        await().atMost(60, TimeUnit.SECONDS).until(() -> given().baseUri(platform.url(Service.CREDITS))
                .get("/api/v1/hall-of-fame").asString().contains(creditName));

        // Mail: the reporter heard about every step, maintainers about the new report; nobody read the canary.
        await().atMost(60, TimeUnit.SECONDS).until(() -> mailTo(reporterEmail).size() >= 3);
        assertFalse(mailTo("demo-owner@embargo.localhost").isEmpty(), "owner told about the new report");
        for (MimeMessage m : MailTestResource.greenMail().getReceivedMessages()) {
            assertFalse(m.getSubject().contains(embargoed) || GreenMailUtil.getBody(m).contains(embargoed),
                    "no email carries embargoed report content by default");
        }

        // Secrets at rest: the unpublished report's canary is nowhere on disk, though every service processed it; nor
        // are the triage fields the maintainers write about it (history reason, statement, fixed versions).
        await().atMost(60, TimeUnit.SECONDS).until(() -> api.caseId("openpanel", unpublished.trackingId()) != null);
        String embargoedCase = "/api/v1/cases/" + api.caseId("openpanel", unpublished.trackingId());
        transition(api, embargoedCase,
                Map.of("action", "ACKNOWLEDGE", "reason", "Reproduced on 1.4 with the crafted link. " + embargoed));
        api.asOwner("PUT", Service.TRIAGE, embargoedCase + "/projects/openpanel",
                Map.of("status", "AFFECTED", "fixedVersions", "1.5.0-" + embargoed, "statement",
                        "Every release since 1.2 renders the title unescaped. " + embargoed))
                .then().statusCode(lessThan(300));
        api.asOwner("GET", Service.TRIAGE, embargoedCase, null).then().statusCode(200).body("projects[0].statement",
                containsString(embargoed));
        try (var c = TestDatabase.superuser().getConnection(); var s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
        Path pgData = Path.of(dataDirectory());
        assertEquals(List.of(), Scans.filesContaining(pgData, embargoed), "PostgreSQL data directory incl. WAL");
        assertEquals(List.of(), Scans.filesContaining(TestKafka.baseDirectory(), embargoed), "Kafka log directories");
        assertEquals(List.of(), Scans.filesContaining(platform.logs, embargoed), "service logs");
        // Retention: once published and past the retention (2 s here), no outbox holds a sealed report any more.
        await().atMost(60, TimeUnit.SECONDS).until(
                () -> rows("SELECT count(*) FROM intake.outbox" + " WHERE event_type = 'report.submitted.v1'") == 0);
        for (String schema : List.of("intake", "triage", "notification", "credits")) {
            await().atMost(60, TimeUnit.SECONDS).until(() -> rows("SELECT count(*) FROM " + schema + ".outbox"
                    + " WHERE sent_at < now() - interval '30 seconds'") == 0);
        }
        // Operability: the figures the dashboard and alerts read are exposed.
        // Operator endpoints are on the management interface only; the public port does not serve them.
        given().baseUri(platform.url(Service.INTAKE)).get("/q/metrics").then().statusCode(404);
        given().baseUri(platform.url(Service.TRIAGE)).get("/q/swagger-ui/").then().statusCode(404);
        given().baseUri(platform.managementUrl(Service.INTAKE)).get("/q/metrics").then().statusCode(200)
                .body(containsString("embargo_submissions_total{outcome=\"accepted\""))
                .body(containsString("embargo_outbox_oldest_age_seconds"));
        given().baseUri(platform.managementUrl(Service.TRIAGE)).get("/q/metrics").then().statusCode(200)
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"))
                .body(containsString("embargo_events_consumed_total"));
        System.out.printf("end-to-end: %s published; %d mails to the reporter%n", trackingId,
                mailTo(reporterEmail).size());
    }

    private static void transition(Api api, String cases, Map<String, Object> body) {
        api.asOwner("POST", Service.TRIAGE, cases + "/transitions", body).then().statusCode(lessThan(300));
    }

    private static void validate(Api api, String cases, String format, Object schema) throws Exception {
        String advisory = api.asOwner("GET", Service.TRIAGE, cases + "/advisory?format=" + format, null).then()
                .statusCode(200).extract().asString();
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix("https://docs.oasis-open.org/csaf/csaf/v2.0/",
                        STANDARDS.resolve("csaf/").toUri().toString()).mapPrefix("https://www.first.org/cvss/",
                                STANDARDS.resolve("csaf/referenced_schema/first/").toUri().toString())));
        var config = SchemaValidatorsConfig.builder().build();
        var validator = factory.getSchema(
                SchemaLocation.of(schema instanceof Path p ? p.toUri().toString() : schema.toString()), config);
        var errors = validator.validate(JSON.readTree(advisory));
        assertTrue(errors.isEmpty(), format + " export invalid: " + errors);
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(MailTestResource.greenMail().getReceivedMessages()).filter(m -> {
            try {
                Address[] to = m.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static long rows(String sql) throws Exception {
        try (var c = TestDatabase.superuser().getConnection(); var s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String dataDirectory() throws Exception {
        try (var c = TestDatabase.superuser().getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
