package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.testing.TestEvents;
import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class CaseWorkflowApiTest {

    @Inject
    Ciphers ciphers;

    private static io.restassured.specification.RequestSpecification as(Fixtures.TestProject p) {
        return given().auth().oauth2(p.token()).contentType(ContentType.JSON);
    }

    @Test
    void submittedReportBecomesANewCaseWithClocksFromThePolicyAndDecryptedContent() {
        var p = Fixtures.project();
        Instant submitted = Instant.parse("2026-03-06T10:00:00Z");
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.PUBLIC, submitted);
        as(p).get("/api/v1/cases/" + r.caseId()).then().statusCode(200).body("state", equalTo("NEW"))
                .body("trackingId", equalTo(r.trackingId())).body("content.cweIds", contains("CWE-79"))
                .body("milestones.find { it.kind == 'ACKNOWLEDGE' }.dueAt", equalTo("2026-03-09T10:00:00Z"))
                .body("milestones.find { it.kind == 'ASSESS' }.dueAt", equalTo("2026-03-13T10:00:00Z"));
    }

    @Test
    void aRedeliveredOrRepublishedReportOpensOneCase() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        TestEvents.publish(r.event());
        String again = TestEvents.publish(r.event());
        TestEvents.publish(r.event(), again);
        TestEvents.pause(Duration.ofSeconds(2));
        assertEquals(1, Rows.count("SELECT count(*) FROM triage.cases WHERE tracking_id = ?", r.trackingId()));
    }

    @Test
    void contentAndMessagesAreEncryptedAtRest() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        as(p).body(Map.of("visibility", "REPORTER", "text", "secret-reply-text"))
                .post("/api/v1/cases/" + r.caseId() + "/messages").then().statusCode(201);
        String content = new String(TestHex.bytes("SELECT content FROM triage.cases WHERE id = ?", r.caseId()),
                StandardCharsets.ISO_8859_1);
        assertFalse(content.contains("Stored XSS"));
        String body = new String(TestHex.bytes("SELECT body FROM triage.case_messages WHERE case_id = ?", r.caseId()),
                StandardCharsets.ISO_8859_1);
        assertFalse(body.contains("secret-reply-text"));
    }

    @Test
    void workflowFromAcknowledgeToFixedRecordsHistoryAndEmitsEvents() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        String path = "/api/v1/cases/" + r.caseId() + "/transitions";
        as(p).body(Map.of("action", "ACKNOWLEDGE")).post(path).then().statusCode(200).body("state",
                equalTo("ACKNOWLEDGED"));
        as(p).body(Map.of("action", "TRIAGE", "cvssVector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).post(path)
                .then().statusCode(200).body("state", equalTo("TRIAGED")).body("severity", equalTo("CRITICAL"))
                .body("cvssScore", equalTo(9.8f));
        as(p).body(Map.of("action", "START_FIX")).post(path).then().statusCode(200);
        as(p).body(Map.of("action", "MARK_FIXED", "reason", "released 1.2.4")).post(path).then().statusCode(200)
                .body("state", equalTo("FIXED"));
        as(p).get("/api/v1/cases/" + r.caseId() + "/history").then().statusCode(200)
                .body("to", contains("ACKNOWLEDGED", "TRIAGED", "FIXING", "FIXED"))
                .body("actor", contains(p.maintainer(), p.maintainer(), p.maintainer(), p.maintainer()))
                .body("[3].reason", equalTo("released 1.2.4"));
        assertEquals(List.of("case.acknowledged.v1", "case.triaged.v1", "case.fixed.v1"), Rows.eventTypes(r.caseId()));
    }

    @Test
    void anIllegalTransitionIsA409ThatNamesTheCurrentState() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        as(p).body(Map.of("action", "PUBLISH")).post("/api/v1/cases/" + r.caseId() + "/transitions").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:embargo:problem:illegal-transition")).body("currentState", equalTo("NEW"));
        assertEquals(List.of(), Rows.eventTypes(r.caseId()));
    }

    @Test
    void anEditBasedOnAStaleVersionIsRefused() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        int version = as(p).get("/api/v1/cases/" + r.caseId()).then().extract().path("version");
        as(p).body(Map.of("action", "ACKNOWLEDGE", "version", version))
                .post("/api/v1/cases/" + r.caseId() + "/transitions").then().statusCode(200);
        as(p).body(Map.of("action", "REQUEST_INFO", "version", version))
                .post("/api/v1/cases/" + r.caseId() + "/transitions").then().statusCode(409)
                .body("type", equalTo("urn:embargo:problem:concurrent-edit"));
    }

    @Test
    void closingAsDuplicateNeedsACaseTheCallerCanSee() {
        var p = Fixtures.project();
        var other = Fixtures.project();
        var original = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        var foreign = Fixtures.report(ciphers, other, ReportContent.Visibility.NONE);
        var dup = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        String path = "/api/v1/cases/" + dup.caseId() + "/transitions";
        as(p).body(Map.of("action", "CLOSE", "resolution", "DUPLICATE", "duplicateOf", foreign.caseId())).post(path)
                .then().statusCode(400).body("type", equalTo("urn:embargo:problem:unknown-duplicate"));
        as(p).body(Map.of("action", "CLOSE", "resolution", "DUPLICATE", "duplicateOf", original.caseId())).post(path)
                .then().statusCode(200).body("state", equalTo("CLOSED")).body("resolution", equalTo("DUPLICATE"))
                .body("duplicateOf", equalTo(original.caseId()));
        as(p).body(Map.of("action", "REOPEN", "reason", "different root cause")).post(path).then().statusCode(200)
                .body("state", equalTo("ACKNOWLEDGED"));
    }

    @Test
    void severityFromAVectorIsScoredAndAnInvalidVectorRefused() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        String path = "/api/v1/cases/" + r.caseId() + "/severity";
        as(p).body(Map.of("cvssVector", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "cweIds",
                List.of("CWE-89"))).put(path).then().statusCode(200).body("cvssScore", equalTo(9.3f))
                .body("severity", equalTo("CRITICAL")).body("cweIds", contains("CWE-89"));
        as(p).body(Map.of("cvssVector", "CVSS:3.1/AV:Q")).put(path).then().statusCode(400).body("type",
                equalTo("urn:embargo:problem:invalid-cvss"));
        as(p).body(Map.of("cweIds", List.of("XSS"))).put(path).then().statusCode(400).body("type",
                equalTo("urn:embargo:problem:invalid-cwe"));
    }

    @Test
    void aRemovedMaintainerLosesAccessAtOnceWhateverTheTokenSays() {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        Fixtures.removeMember(p.id(), p.slug(), p.maintainer());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> as(p).get("/api/v1/cases/" + r.caseId()).statusCode() == 404);
        as(p).get("/api/v1/cases").then().statusCode(200).body("id", not(hasItem(r.caseId())));
    }

    @Test
    void listFiltersByProjectStateAndDueDateAndPagesStably() {
        var p = Fixtures.project();
        var a = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        var b = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        as(p).body(Map.of("action", "ACKNOWLEDGE")).post("/api/v1/cases/" + a.caseId() + "/transitions").then()
                .statusCode(200);
        as(p).queryParam("project", p.slug()).queryParam("state", "ACKNOWLEDGED").get("/api/v1/cases").then()
                .statusCode(200).body("id", contains(a.caseId()));
        as(p).queryParam("project", p.slug()).queryParam("state", "NEW").queryParam("dueWithin", "P4D")
                .get("/api/v1/cases").then().statusCode(200).body("id", contains(b.caseId()));
        List<String> page0 = as(p).queryParam("project", p.slug()).queryParam("size", 1).get("/api/v1/cases").then()
                .statusCode(200).extract().path("id");
        List<String> page1 = as(p).queryParam("project", p.slug()).queryParam("size", 1).queryParam("page", 1)
                .get("/api/v1/cases").then().statusCode(200).extract().path("id");
        assertEquals(2, page0.size() + page1.size());
        assertFalse(page0.equals(page1));
        as(p).queryParam("state", "NOPE").get("/api/v1/cases").then().statusCode(400);
    }

    @Test
    void aSecondProjectSeesSharedPartsButNotTheFirstProjectsInternalNotes() {
        var p = Fixtures.project();
        var q = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        String base = "/api/v1/cases/" + r.caseId();
        as(p).body(Map.of("visibility", "INTERNAL", "text", "only-for-p")).post(base + "/messages").then()
                .statusCode(201);
        as(p).body(Map.of("projectSlug", q.slug())).post(base + "/projects").then().statusCode(201)
                .body("projects.slug", contains(p.slug(), q.slug()));
        Fixtures.awaitCase(q, r.caseId());
        as(q).body(Map.of("visibility", "INTERNAL", "text", "only-for-q")).post(base + "/messages").then()
                .statusCode(201).body("projectSlug", equalTo(q.slug()));
        as(q).body(Map.of("status", "FIXED", "fixedVersions", "2.0.1", "statement", "patched"))
                .put(base + "/projects/" + q.slug()).then().statusCode(200)
                .body("projects.find { it.slug == '" + q.slug() + "' }.status", equalTo("FIXED"));
        // q may not set p's status
        as(q).body(Map.of("status", "NOT_AFFECTED")).put(base + "/projects/" + p.slug()).then().statusCode(404);
        as(q).get(base + "/messages").then().statusCode(200).body("text", contains("only-for-q"));
        as(p).get(base + "/messages").then().statusCode(200).body("text", contains("only-for-p"));
        assertEquals(List.of("case.message-posted.v1", "case.project-added.v1", "case.message-posted.v1"),
                Rows.eventTypes(r.caseId()));
    }

    @Test
    void pagingIsBoundedWithA400InsteadOfOverflowing() {
        var p = Fixtures.project();
        Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        for (String[] paging : List.of(new String[] { "21474837", "100" }, new String[] { "2147483647", "1" },
                new String[] { "1001", "100" }, new String[] { "-1", "10" }, new String[] { "0", "0" },
                new String[] { "0", "101" })) {
            as(p).queryParam("page", paging[0]).queryParam("size", paging[1]).get("/api/v1/cases").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:embargo:problem:invalid-paging"));
        }
        as(p).queryParam("page", "1000").queryParam("size", "100").get("/api/v1/cases").then().statusCode(200)
                .body("size()", equalTo(0));
        as(p).queryParam("page", "0").queryParam("size", "100").get("/api/v1/cases").then().statusCode(200)
                .body("size()", equalTo(1));
    }

    @Test
    void requestsWithoutATokenAre401() {
        given().get("/api/v1/cases").then().statusCode(401);
        given().auth().oauth2(Tokens.of(Fixtures.random("nobody"))).get("/api/v1/cases").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void twoConcurrentTransitionsOnOneCaseLetExactlyOneWin() throws Exception {
        var p = Fixtures.project();
        var r = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                return as(p).body(Map.of("action", "ACKNOWLEDGE")).post("/api/v1/cases/" + r.caseId() + "/transitions")
                        .statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var c : calls) {
            statuses.add(c.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        pool.shutdown();
        java.util.Collections.sort(statuses);
        assertEquals(List.of(200, 409), statuses);
        assertEquals(List.of("case.acknowledged.v1"), Rows.eventTypes(r.caseId()));
        as(p).get("/api/v1/cases/" + r.caseId() + "/history").then().body("size()", equalTo(1));
    }

    @Test
    void aReportWhoseSealDoesNotOpenIsDeadLetteredWithoutACase() {
        var p = Fixtures.project();
        var good = Fixtures.report(ciphers, p, ReportContent.Visibility.NONE);
        String otherId = java.util.UUID.randomUUID().toString();
        // Sealed for another report: the associated data does not match, so it must not open here.
        var forged = new dev.embargo.events.ReportSubmitted(otherId, p.slug().toUpperCase() + "-2026-9999", p.id(),
                p.slug(), 1, Instant.now(), Fixtures.sha256("t"), null, good.event().sealedContent(), null, List.of());
        String eventId = TestEvents.publish(forged);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Rows.count("SELECT count(*) FROM triage.dead_letter WHERE event_id = ?", eventId) == 1);
        assertEquals(0, Rows.count("SELECT count(*) FROM triage.cases WHERE id = ?", otherId));
    }
}
