package dev.embargo.triage;

import static dev.embargo.triage.Fixtures.act;
import static dev.embargo.triage.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.triage.deadlines.SlaScheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;

/**
 * The inbox's "next deadline first" follows the clocks as they move (acknowledged, waiting for the reporter, resumed,
 * breached by the scheduler, closed), page after page, with and without a state filter; each case's deadline is the
 * earliest open one of its clocks. Test policy: acknowledge within 72 hours, assess within 7 days.
 */
@QuarkusTest
class CaseDeadlineOrderApiTest {

    @Inject
    Ciphers ciphers;
    @Inject
    SlaScheduler scheduler;

    private Fixtures.TestReport report(Fixtures.TestProject p, Instant submittedAt) {
        return Fixtures.report(ciphers, p, ReportContent.Visibility.NONE, submittedAt);
    }

    /** One row of the list: what the order is made of. */
    record Row(String id, Instant nextDueAt, Instant submittedAt) {
    }

    /** Every page of the project's cases by deadline, {@code size} at a time, until an empty page. */
    private static List<Row> allPages(Fixtures.TestProject p, String state, int size) {
        List<Row> rows = new ArrayList<>();
        for (int page = 0;; page++) {
            var spec = as(p).queryParam("project", p.slug()).queryParam("sort", "deadline").queryParam("size", size)
                    .queryParam("page", page);
            if (state != null) {
                spec.queryParam("state", state);
            }
            List<Map<String, Object>> found = spec.get("/api/v1/cases").then().statusCode(200).extract()
                    .as(new TypeRef<>() {
                    });
            if (found.isEmpty()) {
                return rows;
            }
            for (var f : found) {
                rows.add(new Row((String) f.get("id"), instant(f.get("nextDueAt")), instant(f.get("submittedAt"))));
            }
        }
    }

    private static Instant instant(Object iso) {
        return iso == null ? null : Instant.parse((String) iso);
    }

    private static List<String> ids(List<Row> rows) {
        return rows.stream().map(Row::id).toList();
    }

    private static List<String> ids(Fixtures.TestReport... reports) {
        return List.of(reports).stream().map(Fixtures.TestReport::caseId).toList();
    }

    /** The earliest due date of the case's clocks that neither met nor breached, as the case's own page shows them. */
    private static Instant earliestOpenClock(Fixtures.TestProject p, String caseId) {
        List<Map<String, Object>> clocks = as(p).get("/api/v1/cases/" + caseId).then().statusCode(200).extract()
                .path("milestones");
        return clocks.stream().filter(m -> m.get("settledAt") == null && m.get("breachedAt") == null)
                .map(m -> instant(m.get("dueAt"))).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
    }

    /** The order the list promises, and each row's deadline is its case's earliest open clock. */
    private static void assertDeadlineOrder(Fixtures.TestProject p, List<Row> rows) {
        var sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::nextDueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Row::submittedAt, Comparator.reverseOrder()).thenComparing(Row::id));
        assertEquals(ids(sorted), ids(rows), "next deadline first, none last, newest first among equals");
        for (Row r : rows) {
            assertEquals(earliestOpenClock(p, r.id()), r.nextDueAt(), "the deadline of " + r.id());
        }
    }

    @Test
    void theDeadlineOrderFollowsTheClocksPageAfterPage() {
        var p = Fixtures.project();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var a = report(p, now.minus(Duration.ofMinutes(50)));
        var b = report(p, now.minus(Duration.ofMinutes(40)));
        var c = report(p, now.minus(Duration.ofMinutes(30)));
        var d = report(p, now.minus(Duration.ofMinutes(20)));
        var e = report(p, now.minus(Duration.ofMinutes(10)));
        // All new: acknowledge due 72 hours after each submission, the oldest first.
        assertEquals(ids(a, b, c, d, e), ids(allPages(p, null, 2)));
        assertEquals(now.minus(Duration.ofMinutes(50)).plus(Duration.ofHours(72)),
                allPages(p, null, 1).get(0).nextDueAt());

        act(p, b, Map.of("action", "ACKNOWLEDGE"));
        act(p, d, Map.of("action", "CLOSE", "resolution", "SPAM"));
        act(p, e, Map.of("action", "REQUEST_INFO"));
        // b: its assess clock, days later; d closed and e waiting for the reporter have none due: last, newest first.
        var rows = allPages(p, null, 2);
        assertEquals(ids(a, c, b, e, d), ids(rows));
        assertDeadlineOrder(p, rows);
        assertEquals(ids(a, c, b, e, d), ids(allPages(p, null, 3)), "the same order whatever the page size");

        act(p, e, Map.of("action", "RESUME"));
        // e's acknowledge clock runs again with the time it had left: after c's, long before b's assess.
        rows = allPages(p, null, 2);
        assertEquals(ids(a, c, e, b, d), ids(rows));
        assertDeadlineOrder(p, rows);
        assertEquals(ids(a, c, e), ids(allPages(p, "NEW", 2)), "the state filter pages in the same order");
        assertEquals(ids(b), ids(allPages(p, "ACKNOWLEDGED", 2)));

        // The scheduler breaches a's acknowledge clock (due 20 minutes before c's): a moves on to its assess deadline,
        // 10 minutes before b's.
        scheduler.tick(now.minus(Duration.ofMinutes(50)).plus(Duration.ofHours(72)).plus(Duration.ofMinutes(5)));
        rows = allPages(p, null, 2);
        assertEquals(ids(c, e, a, b, d), ids(rows));
        assertDeadlineOrder(p, rows);
        assertEquals(now.minus(Duration.ofMinutes(50)).atZone(Fixtures.POLICY_ZONE).plusDays(7).toInstant(),
                rows.get(2).nextDueAt());

        // "Due within" agrees with the order: the next deadlines up to e's, and nothing without one.
        Instant eDue = rows.get(1).nextDueAt();
        List<String> dueSoon = as(p).queryParam("project", p.slug()).queryParam("sort", "deadline")
                .queryParam("dueWithin", Duration.between(Instant.now(), eDue).plusMinutes(1).toString())
                .get("/api/v1/cases").then().statusCode(200).extract().path("id");
        assertEquals(ids(c, e), dueSoon);
    }
}
