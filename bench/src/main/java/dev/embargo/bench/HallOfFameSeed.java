package dev.embargo.bench;

/**
 * 100,000 published credits over 1,000 projects (projects {@code bench-0..999}, 20,000 distinct researchers) in the
 * credits schema, and their removal. Tracking ids start with {@code BENCH-} so nothing real is touched. The seed
 * bypasses the service, so its stored leaderboards know nothing of it until a rebuild
 * ({@code POST /api/v1/admin/hall-of-fame/rebuild}); the removal takes the bench's rows out of them again.
 */
final class HallOfFameSeed {

    static final String SEED = """
            INSERT INTO credits.publication (case_id, tracking_id, severity, published_at)
            SELECT 'bench-' || g, 'BENCH-2026-' || lpad(g::text, 6, '0'),
                (ARRAY['CRITICAL','HIGH','MEDIUM','LOW'])[1 + g % 4], now() - g * interval '1 minute'
            FROM generate_series(1, 100000) g;
            INSERT INTO credits.publication_project (case_id, project_slug)
            SELECT 'bench-' || g, 'bench-' || (g % 1000) FROM generate_series(1, 100000) g;
            INSERT INTO credits.credit (id, case_id, slot, credit_type, name, handle, link, anonymous, points,
                credited_at, credit_year, standing_key)
            SELECT gen_random_uuid(), 'bench-' || g, 0, 'FINDER', 'Bench Researcher ' || (g % 20000),
                'bench' || (g % 20000), NULL, g % 10 = 0, (ARRAY[100, 50, 20, 10])[1 + g % 4],
                now() - g * interval '1 minute', extract(year FROM now())::int,
                -- the group the service would give them (Credit.standingKeyOf): the rebuild timed is an
                -- operator's, not the one-off fill-in of keys for rows written without them
                'name:bench researcher ' || (g % 20000)
            FROM generate_series(1, 100000) g;
            ANALYZE credits.credit;
            """;

    /**
     * Every bench credit is named "Bench Researcher n" without an account, so its stored standings are exactly the rows
     * of the {@code bench-*} projects and of the groups {@code name:bench researcher n}; the platform-wide totals lose
     * what those groups counted. What remains equals a rebuild.
     */
    static final String REMOVE = """
            DELETE FROM credits.credit WHERE case_id LIKE 'bench-%';
            DELETE FROM credits.publication_project WHERE case_id LIKE 'bench-%';
            DELETE FROM credits.publication WHERE case_id LIKE 'bench-%';
            WITH gone AS (
                DELETE FROM credits.standing
                WHERE scope LIKE 'bench-%' OR standing_key LIKE 'name:bench researcher %'
                RETURNING year, scope, name, anonymous_credits)
            UPDATE credits.hall_tally t
            SET entries = t.entries - g.entries, anonymous_credits = t.anonymous_credits - g.anonymous
            FROM (SELECT year, scope, count(name) AS entries, sum(anonymous_credits) AS anonymous
                  FROM gone GROUP BY year, scope) g
            WHERE t.year = g.year AND t.scope = g.scope;
            DELETE FROM credits.hall_tally WHERE scope LIKE 'bench-%' OR (entries = 0 AND anonymous_credits = 0);
            """;

    private HallOfFameSeed() {
    }
}
