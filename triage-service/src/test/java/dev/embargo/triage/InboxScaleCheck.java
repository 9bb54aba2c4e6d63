package dev.embargo.triage;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.embargo.testing.TestDatabase;
import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A measurement, not a test: seeds about 35,000 cases and prints the inbox's response times and query plans. Runs only
 * when asked ({@code -Dembargo.scale-check=true -Dtest=InboxScaleCheck}); it asserts nothing but the answers' status.
 */
@QuarkusTest
@TestProfile(InboxScaleCheck.SqlLog.class)
@EnabledIfSystemProperty(named = "embargo.scale-check", matches = "true")
class InboxScaleCheck {

    /** Hibernate prints its SQL, so the plans below can be checked against what the service really sends. */
    public static class SqlLog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.hibernate-orm.log.sql", "true");
        }
    }

    /** The caller's five projects hold this many cases; another project holds {@link #FOREIGN}. */
    static final int MINE = 35_000;
    static final int FOREIGN = 2_000;
    static final int RUNS = 40;

    @Test
    void inboxAtScale() throws Exception {
        String owner = Fixtures.random("owner");
        List<Fixtures.TestProject> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var p = Fixtures.project();
            Fixtures.addMember(p.id(), p.slug(), owner);
            mine.add(p);
        }
        var foreign = Fixtures.project();
        long t0 = System.nanoTime();
        String run = seed(mine, foreign);
        System.out.printf("SCALE seeded %d + %d cases in %d ms%n", MINE, FOREIGN, (System.nanoTime() - t0) / 1_000_000);
        try {
            measure(owner, mine, foreign);
        } finally {
            // The other tests of this JVM never see the seeded cases.
            try (Connection c = TestDatabase.superuser().getConnection(); Statement s = c.createStatement()) {
                for (String table : List.of("milestones", "case_projects")) {
                    s.execute("DELETE FROM triage.%s WHERE case_id LIKE '%s-%%'".formatted(table, run));
                }
                s.execute("DELETE FROM triage.cases WHERE id LIKE '%s-%%'".formatted(run));
            }
        }
    }

    private static void measure(String owner, List<Fixtures.TestProject> mine, Fixtures.TestProject foreign)
            throws Exception {
        String token = Tokens.of(owner);
        while (given().auth().oauth2(token).get("/api/v1/cases/counts").then().extract().path("NEW") == null
                || (int) given().auth().oauth2(token).get("/api/v1/cases/counts").then().extract().path("NEW") == 0) {
            Thread.sleep(200);
        }
        String tracking = Rows
                .strings("SELECT tracking_id FROM triage.cases WHERE project_id = ? LIMIT 1", mine.get(0).id()).get(0);
        Map<String, String> pages = Map.of("1 deadline first, page 0", "/api/v1/cases?sort=deadline&size=21",
                "2 state NEW, deadline, page 3", "/api/v1/cases?state=NEW&sort=deadline&page=3&size=21",
                "3 newest first, page 0", "/api/v1/cases?size=21", "4 counts", "/api/v1/cases/counts", "5 tracking id",
                "/api/v1/cases?sort=deadline&size=21&trackingId=" + tracking, "6 deadline first, page 40",
                "/api/v1/cases?sort=deadline&page=40&size=21");
        for (var page : pages.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            time(page.getKey(), token, page.getValue());
        }
        // A maintainer of one project with a tenth of the cases, and of the other project with 2,000.
        time("7 one 10 % project, deadline, page 0", mine.get(1).token(), "/api/v1/cases?sort=deadline&size=21");
        time("8 one 10 % project, NEW, page 3", mine.get(1).token(),
                "/api/v1/cases?state=NEW&sort=deadline&page=3&size=21");
        time("9 one 10 % project, counts", mine.get(1).token(), "/api/v1/cases/counts");
        time("10 the 2,000-case project, deadline", foreign.token(), "/api/v1/cases?sort=deadline&size=21");

        String ids = mine.stream().map(p -> "'" + p.id() + "'").collect(Collectors.joining(","));
        explain("old deadline page 0", OLD.formatted(ids, "", 0));
        explain("old state NEW page 3", OLD.formatted(ids, " AND c.state = 'NEW'", 63));
        if (hasNextDueAt()) {
            explain("new deadline page 0", NEW.formatted(ids, "", "c.next_due_at, ", 0));
            explain("new state NEW page 3", NEW.formatted(ids, " AND c.state = 'NEW'", "c.next_due_at, ", 63));
            explain("new newest first page 0", NEW.formatted(ids, "", "", 0));
            explain("new one 10 % project, NEW page 3",
                    NEW.formatted("'" + mine.get(1).id() + "'", " AND c.state = 'NEW'", "c.next_due_at, ", 63));
            explain("new counts", COUNTS.formatted(ids));
            explain("new the 2,000-case project, deadline page 0",
                    NEW.formatted("'" + foreign.id() + "'", "", "c.next_due_at, ", 0));
            explain("new one 10 % project, counts", COUNTS.formatted("'" + mine.get(1).id() + "'"));
        }
    }

    private static void time(String name, String token, String path) {
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).get(path).then().statusCode(200);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long s = System.nanoTime();
            given().auth().oauth2(token).get(path).then().statusCode(200);
            micros.add((System.nanoTime() - s) / 1000);
        }
        Collections.sort(micros);
        System.out.printf("SCALE %-38s p50 %7.1f ms  p95 %7.1f ms%n", name, micros.get(RUNS / 2) / 1000.0,
                micros.get(RUNS * 95 / 100) / 1000.0);
    }

    /** The list query as the service sends it with next_due_at (Hibernate's SQL, columns abridged). */
    static final String NEW = """
            SELECT c.id, c.state, c.submitted_at FROM triage.cases c
            WHERE EXISTS (SELECT 1 FROM triage.case_projects p WHERE c.id = p.case_id AND p.project_id IN (%s))%s
            ORDER BY %sc.submitted_at DESC, c.id
            OFFSET %d ROWS FETCH FIRST 21 ROWS ONLY""";

    static final String COUNTS = """
            SELECT c.state, count(c.id) FROM triage.cases c
            WHERE EXISTS (SELECT 1 FROM triage.case_projects p WHERE c.id = p.case_id AND p.project_id IN (%s))
            GROUP BY c.state""";

    static boolean hasNextDueAt() throws SQLException {
        try (Connection c = TestDatabase.superuser().getConnection(); Statement s = c.createStatement()) {
            return hasNextDueAt(s);
        }
    }

    /** The list query as the service sent it before next_due_at (Hibernate's SQL, columns abridged). */
    static final String OLD = """
            SELECT c.id, c.state, c.submitted_at FROM triage.cases c
            WHERE c.id IN (SELECT o.id FROM triage.cases o JOIN triage.case_projects p ON o.id = p.case_id
                           WHERE p.project_id IN (%s))%s
            ORDER BY (SELECT min(m.due_at) FROM triage.cases o2 JOIN triage.milestones m ON o2.id = m.case_id
                      WHERE o2.id = c.id AND m.settled_at IS NULL AND m.breached_at IS NULL) ASC NULLS LAST,
                     c.submitted_at DESC, c.id
            OFFSET %d ROWS FETCH FIRST 21 ROWS ONLY""";

    static void explain(String name, String sql) {
        try (Connection c = TestDatabase.superuser().getConnection(); Statement s = c.createStatement()) {
            StringBuilder plan = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                plan.setLength(0);
                try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                    while (rs.next()) {
                        plan.append("SCALE|  ").append(rs.getString(1)).append('\n');
                    }
                }
            }
            System.out.println("SCALE EXPLAIN " + name + "\n" + plan);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cases in every state with their clocks, as the test policy sets them, about 1 KB of sealed content each. */
    static String seed(List<Fixtures.TestProject> mine, Fixtures.TestProject foreign) throws SQLException {
        String run = Fixtures.random("s");
        try (Connection c = TestDatabase.superuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path = triage");
            s.execute("CREATE TEMP TABLE seed_projects (n int, id text, slug text)");
            for (int i = 0; i < mine.size(); i++) {
                s.execute("INSERT INTO seed_projects VALUES (%d, '%s', '%s')".formatted(i, mine.get(i).id(),
                        mine.get(i).slug()));
            }
            s.execute("INSERT INTO seed_projects VALUES (5, '%s', '%s')".formatted(foreign.id(), foreign.slug()));
            // i < MINE: the caller's; pod-like first project holds 60 %, the others 10 % each; then the foreign ones.
            s.execute("""
                    CREATE TEMP TABLE seed AS
                    SELECT i, '%1$s-' || i AS id, sp.id AS project_id, sp.slug AS project_slug,
                           now() - make_interval(mins => i) AS submitted_at,
                           CASE WHEN i %% 100 < 30 THEN 'NEW' WHEN i %% 100 < 45 THEN 'ACKNOWLEDGED'
                                WHEN i %% 100 < 50 THEN 'NEEDS_INFO' WHEN i %% 100 < 65 THEN 'TRIAGED'
                                WHEN i %% 100 < 75 THEN 'FIXING' WHEN i %% 100 < 80 THEN 'FIXED'
                                WHEN i %% 100 < 90 THEN 'PUBLISHED' ELSE 'CLOSED' END AS state
                    FROM generate_series(0, %2$d) i
                    JOIN seed_projects sp ON sp.n = CASE WHEN i >= %3$d THEN 5 WHEN i %% 10 < 6 THEN 0
                                                         ELSE i %% 10 - 5 END
                    """.formatted(run, MINE + FOREIGN - 1, MINE));
            s.execute("""
                    INSERT INTO cases (id, tracking_id, project_id, project_slug, policy_version, state, severity,
                                       cvss_score, report_token_hash, content, submitted_at, updated_at, version)
                    SELECT id, upper(project_slug) || '-' || i, project_id, project_slug, 1, state,
                           CASE WHEN state IN ('NEW', 'ACKNOWLEDGED', 'NEEDS_INFO') THEN NULL ELSE 'HIGH' END,
                           CASE WHEN state IN ('NEW', 'ACKNOWLEDGED', 'NEEDS_INFO') THEN NULL ELSE 7.5 END,
                           md5(id), (SELECT decode(string_agg(md5(random()::text || g), ''), 'hex')
                                     FROM generate_series(1, 64 + 0 * i) g),
                           submitted_at, submitted_at + interval '1 hour', 3
                    FROM seed""");
            s.execute("""
                    INSERT INTO case_projects (id, case_id, project_id, project_slug, status, position)
                    SELECT id || ':' || project_id, id, project_id, project_slug, 'AFFECTED', 0 FROM seed""");
            // One case in twenty also affects the next of the caller's projects (a partner).
            s.execute("""
                    INSERT INTO case_projects (id, case_id, project_id, project_slug, status, position)
                    SELECT s.id || ':' || sp.id, s.id, sp.id, sp.slug, 'UNDER_INVESTIGATION', 1
                    FROM seed s JOIN seed_projects sp ON sp.n = (i / 20) %% 5
                    WHERE i %% 20 = 7 AND i < %d AND sp.id <> s.project_id""".formatted(MINE));
            s.execute("""
                    INSERT INTO milestones (id, case_id, kind, started_at, due_at, warn_at, paused_remaining_ms,
                                            settled_at, breached_at)
                    SELECT id || ':' || k.kind, id, k.kind, submitted_at,
                           CASE WHEN state = 'NEEDS_INFO' AND k.open THEN NULL ELSE submitted_at + k.span END,
                           CASE WHEN state = 'NEEDS_INFO' AND k.open THEN NULL ELSE submitted_at + k.span / 2 END,
                           CASE WHEN state = 'NEEDS_INFO' AND k.open THEN 3600000 END,
                           CASE WHEN NOT k.open THEN submitted_at + interval '1 hour' END,
                           CASE WHEN k.open AND state <> 'NEEDS_INFO' AND submitted_at + k.span < now()
                                THEN submitted_at + k.span END
                    FROM seed, LATERAL (VALUES
                        ('ACKNOWLEDGE', interval '72 hours', state = 'NEW'),
                        ('ASSESS', interval '7 days', state IN ('NEW', 'ACKNOWLEDGED', 'NEEDS_INFO')),
                        ('DISCLOSE', interval '90 days', state NOT IN ('PUBLISHED', 'CLOSED')),
                        ('FIX', interval '14 days', state IN ('TRIAGED', 'FIXING'))) AS k(kind, span, open)
                    WHERE k.kind <> 'FIX' OR state NOT IN ('NEW', 'ACKNOWLEDGED', 'NEEDS_INFO')""");
            if (hasNextDueAt(s)) {
                s.execute("""
                        UPDATE cases c SET next_due_at = n.due
                        FROM (SELECT case_id, min(due_at) AS due FROM milestones
                              WHERE settled_at IS NULL AND breached_at IS NULL GROUP BY case_id) n
                        WHERE n.case_id = c.id AND c.id LIKE '%s-%%'""".formatted(run));
            }
            // As autovacuum leaves a table after a bulk load: statistics and the visibility map (index-only scans).
            s.execute("VACUUM ANALYZE cases");
            s.execute("VACUUM ANALYZE case_projects");
            s.execute("VACUUM ANALYZE milestones");
        }
        return run;
    }

    static boolean hasNextDueAt(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns"
                + " WHERE table_schema = 'triage' AND table_name = 'cases' AND column_name = 'next_due_at'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
