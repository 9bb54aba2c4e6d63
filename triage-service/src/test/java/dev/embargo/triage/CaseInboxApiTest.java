package dev.embargo.triage;

import static dev.embargo.triage.Fixtures.act;
import static dev.embargo.triage.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.testing.Tokens;
import dev.embargo.triage.cases.CaseState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import io.restassured.specification.RequestSpecification;

/** The inbox's filters by tracking id and assignee, its deadline order and its counts per state. */
@QuarkusTest
class CaseInboxApiTest {

    @Inject
    Ciphers ciphers;

    private Fixtures.TestReport report(Fixtures.TestProject p, Instant submittedAt) {
        return Fixtures.report(ciphers, p, ReportContent.Visibility.NONE, submittedAt);
    }

    private static Map<String, Integer> counts(RequestSpecification spec) {
        return spec.get("/api/v1/cases/counts").then().statusCode(200).extract().as(new TypeRef<>() {
        });
    }

    /** Zero for every state, then the given counts. */
    private static Map<String, Integer> expected(Object... stateAndCount) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (CaseState s : CaseState.values()) {
            m.put(s.name(), 0);
        }
        for (int i = 0; i < stateAndCount.length; i += 2) {
            m.put(((CaseState) stateAndCount[i]).name(), (Integer) stateAndCount[i + 1]);
        }
        return m;
    }

    @Test
    void theCountsHoldEachCaseOnceForItsLeadForItsPartnerAndForAMemberOfBoth() {
        var lead = Fixtures.project();
        var partner = Fixtures.project();
        var shared = report(lead, Instant.now().minus(Duration.ofMinutes(1)));
        var own = report(partner, Instant.now());
        act(lead, shared, Map.of("action", "ACKNOWLEDGE"));
        act(lead, shared, Map.of("action", "TRIAGE", "severity", "HIGH"));
        as(lead).body(Map.of("projectSlug", partner.slug())).post("/api/v1/cases/" + shared.caseId() + "/projects")
                .then().statusCode(201);
        Fixtures.awaitCase(partner, shared.caseId());

        assertEquals(expected(CaseState.TRIAGED, 1), counts(as(lead)));
        assertEquals(expected(CaseState.NEW, 1, CaseState.TRIAGED, 1), counts(as(partner)));
        assertEquals(expected(CaseState.TRIAGED, 1), counts(as(partner).queryParam("severity", "HIGH")));
        // Someone in both projects: the shared case once, though both of their projects are on it.
        String both = "both-" + UUID.randomUUID();
        Fixtures.addMember(lead.id(), lead.slug(), both);
        Fixtures.addMember(partner.id(), partner.slug(), both);
        var asBoth = given().auth().oauth2(Tokens.of(both));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> given().auth()
                .oauth2(Tokens.of(both)).get("/api/v1/cases/" + own.caseId()).statusCode() == 200
                && given().auth().oauth2(Tokens.of(both)).get("/api/v1/cases/" + shared.caseId()).statusCode() == 200);
        assertEquals(expected(CaseState.NEW, 1, CaseState.TRIAGED, 1), counts(asBoth));
    }

    @Test
    void theTrackingIdFilterFindsExactlyThatCaseAndNothingOfAnotherProject() {
        var p = Fixtures.project();
        var foreign = Fixtures.project();
        var wanted = report(p, Instant.now().minus(Duration.ofMinutes(2)));
        var other = report(p, Instant.now().minus(Duration.ofMinutes(1)));
        var theirs = report(foreign, Instant.now());

        as(p).queryParam("trackingId", wanted.trackingId()).get("/api/v1/cases").then().statusCode(200)
                .body("id", contains(wanted.caseId())).body("trackingId", contains(wanted.trackingId()));
        as(p).queryParam("trackingId", other.trackingId()).get("/api/v1/cases").then().statusCode(200).body("id",
                contains(other.caseId()));
        // Another project's case is not found by its tracking id, in the list or in the counts...
        as(p).queryParam("trackingId", theirs.trackingId()).get("/api/v1/cases").then().statusCode(200).body("$",
                empty());
        assertEquals(expected(), counts(as(p).queryParam("trackingId", theirs.trackingId())));
        // ...while its own maintainers find it.
        as(foreign).queryParam("trackingId", theirs.trackingId()).get("/api/v1/cases").then().statusCode(200).body("id",
                contains(theirs.caseId()));
    }

    @Test
    void aTrackingIdOrAssigneeThatCannotBeOneIsAnInvalidFilter() {
        var p = Fixtures.project();
        for (String bad : new String[] { "FOO 2026", "FOO_2026-1", "X".repeat(41), "A/../B", "'; drop" }) {
            as(p).queryParam("trackingId", bad).get("/api/v1/cases").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:embargo:problem:invalid-filter"));
            as(p).queryParam("trackingId", bad).get("/api/v1/cases/counts").then().statusCode(400).body("type",
                    equalTo("urn:embargo:problem:invalid-filter"));
        }
        as(p).queryParam("trackingId", "X".repeat(40)).get("/api/v1/cases").then().statusCode(200);
        as(p).queryParam("assignee", "a".repeat(201)).get("/api/v1/cases").then().statusCode(400).body("type",
                equalTo("urn:embargo:problem:invalid-filter"));
        as(p).queryParam("assignee", "a".repeat(201)).get("/api/v1/cases/counts").then().statusCode(400).body("type",
                equalTo("urn:embargo:problem:invalid-filter"));
        as(p).queryParam("assignee", "a".repeat(200)).get("/api/v1/cases").then().statusCode(200);
        // Refused even for a caller with no project: the filter is checked before it can find nothing.
        given().auth().oauth2(Tokens.of(Fixtures.random("nobody"))).queryParam("trackingId", "FOO 1")
                .get("/api/v1/cases").then().statusCode(400);
    }

    @Test
    void theAssigneeFilterFindsTheAssigneesCasesAndAnEmptyOneTheUnassigned() {
        var p = Fixtures.project();
        Instant now = Instant.now();
        var mine = report(p, now.minus(Duration.ofMinutes(3)));
        var open1 = report(p, now.minus(Duration.ofMinutes(2)));
        var open2 = report(p, now.minus(Duration.ofMinutes(1)));
        as(p).body(Map.of("assignee", p.maintainer())).put("/api/v1/cases/" + mine.caseId() + "/assignee").then()
                .statusCode(200).body("assignee", equalTo(p.maintainer()));

        as(p).queryParam("assignee", p.maintainer()).get("/api/v1/cases").then().statusCode(200)
                .body("id", contains(mine.caseId())).body("assignee", contains(p.maintainer()));
        as(p).queryParam("assignee", "").get("/api/v1/cases").then().statusCode(200).body("id",
                contains(open2.caseId(), open1.caseId()));
        as(p).get("/api/v1/cases?assignee=").then().statusCode(200).body("id",
                contains(open2.caseId(), open1.caseId()));
        as(p).queryParam("assignee", Fixtures.random("someone-else")).get("/api/v1/cases").then().statusCode(200)
                .body("$", empty());
        // Without the filter, all three.
        as(p).get("/api/v1/cases").then().statusCode(200).body("id",
                contains(open2.caseId(), open1.caseId(), mine.caseId()));
        assertEquals(expected(CaseState.NEW, 1), counts(as(p).queryParam("assignee", p.maintainer())));
        assertEquals(expected(CaseState.NEW, 2), counts(as(p).queryParam("assignee", "")));
    }

    @Test
    void sortedByDeadlineTheOpenClockDueFirstComesFirstAndCasesWithoutOneLast() {
        var p = Fixtures.project();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Test policy: acknowledge within 72 hours, assess within 7 days, both from submission.
        var acknowledgedEarly = report(p, now.minus(Duration.ofMinutes(40)));
        var fresh = report(p, now.minus(Duration.ofMinutes(30)));
        var acknowledgedLater = report(p, now.minus(Duration.ofMinutes(20)));
        var closed = report(p, now.minus(Duration.ofMinutes(10)));
        act(p, acknowledgedEarly, Map.of("action", "ACKNOWLEDGE"));
        act(p, acknowledgedLater, Map.of("action", "ACKNOWLEDGE"));
        act(p, closed, Map.of("action", "CLOSE", "resolution", "SPAM"));

        // fresh: acknowledge due at -30m + 72h; the acknowledged ones: assess due at -40m + 7d and -20m + 7d; the
        // closed one: no open clock (it is the newest, so it would be first if cases without one came first).
        as(p).queryParam("project", p.slug()).queryParam("sort", "deadline").get("/api/v1/cases").then().statusCode(200)
                .body("id",
                        contains(fresh.caseId(), acknowledgedEarly.caseId(), acknowledgedLater.caseId(),
                                closed.caseId()))
                .body("[0].nextDueAt", equalTo(now.minus(Duration.ofMinutes(30)).plus(Duration.ofHours(72)).toString()))
                .body("[3].nextDueAt", equalTo(null));
        // The default and "submitted": newest first.
        for (var spec : new RequestSpecification[] { as(p), as(p).queryParam("sort", "submitted") }) {
            spec.queryParam("project", p.slug()).get("/api/v1/cases").then().statusCode(200).body("id",
                    contains(closed.caseId(), acknowledgedLater.caseId(), fresh.caseId(), acknowledgedEarly.caseId()));
        }
        // Paging keeps the deadline order.
        as(p).queryParam("sort", "deadline").queryParam("size", 2).queryParam("page", 1).get("/api/v1/cases").then()
                .statusCode(200).body("id", contains(acknowledgedLater.caseId(), closed.caseId()));
    }

    @Test
    void anUnknownSortIsAnInvalidFilter() {
        var p = Fixtures.project();
        for (String bad : new String[] { "nope", "DEADLINE", "submittedAt desc", "deadline,submitted" }) {
            as(p).queryParam("sort", bad).get("/api/v1/cases").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:embargo:problem:invalid-filter"));
        }
    }

    @Test
    void countsAreOfTheCallersProjectsWithAZeroForEveryState() {
        var p = Fixtures.project();
        var foreign = Fixtures.project();
        Instant now = Instant.now();
        report(p, now.minus(Duration.ofMinutes(4)));
        report(p, now.minus(Duration.ofMinutes(3)));
        var acknowledged = report(p, now.minus(Duration.ofMinutes(2)));
        var closed = report(p, now.minus(Duration.ofMinutes(1)));
        act(p, acknowledged, Map.of("action", "ACKNOWLEDGE"));
        act(p, closed, Map.of("action", "CLOSE", "resolution", "SPAM"));
        // Another project's cases are never counted.
        var theirs = report(foreign, now);
        report(foreign, now);
        act(foreign, theirs, Map.of("action", "ACKNOWLEDGE"));

        var mine = expected(CaseState.NEW, 2, CaseState.ACKNOWLEDGED, 1, CaseState.CLOSED, 1);
        assertEquals(mine, counts(as(p)));
        assertEquals(mine, counts(as(p).queryParam("project", p.slug())));
        assertEquals(expected(CaseState.NEW, 1, CaseState.ACKNOWLEDGED, 1), counts(as(foreign)));
        // Naming the other project finds none of its cases; neither does a caller without projects.
        assertEquals(expected(), counts(as(p).queryParam("project", foreign.slug())));
        assertEquals(expected(), counts(given().auth().oauth2(Tokens.of(Fixtures.random("nobody")))));
        // The same filters as the list: the tracking id narrows to one case.
        assertEquals(expected(CaseState.ACKNOWLEDGED, 1),
                counts(as(p).queryParam("trackingId", acknowledged.trackingId())));
        // The list agrees with the counts.
        as(p).queryParam("state", "NEW").get("/api/v1/cases").then().statusCode(200).body("size()", equalTo(2))
                .body("id", not(hasItem(theirs.caseId())));
    }

    @Test
    void aNewCaseListsTheStepsItsStateAllows() {
        var p = Fixtures.project();
        var r = report(p, Instant.now());
        as(p).get("/api/v1/cases/" + r.caseId()).then().statusCode(200).body("state", equalTo("NEW"))
                .body("actions", contains("ACKNOWLEDGE", "REQUEST_INFO", "CLOSE"))
                .body("actions", not(hasItem("PUBLISH"))).body("actions", not(hasItem("WITHDRAW")));
        act(p, r, Map.of("action", "ACKNOWLEDGE"));
        as(p).get("/api/v1/cases/" + r.caseId()).then().statusCode(200).body("actions",
                contains("REQUEST_INFO", "TRIAGE", "CLOSE"));
        act(p, r, Map.of("action", "CLOSE", "resolution", "SPAM"));
        as(p).get("/api/v1/cases/" + r.caseId()).then().statusCode(200).body("actions", contains("REOPEN"));
    }
}
