package dev.embargo.bench;

/**
 * 100,000 published credits over 1,000 projects (projects {@code bench-0..999}, 20,000 distinct researchers) in the
 * credits schema, and their removal. Tracking ids start with {@code BENCH-} so nothing real is touched.
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
                credited_at, credit_year)
            SELECT gen_random_uuid(), 'bench-' || g, 0, 'FINDER', 'Bench Researcher ' || (g % 20000),
                'bench' || (g % 20000), NULL, g % 10 = 0, (ARRAY[100, 50, 20, 10])[1 + g % 4],
                now() - g * interval '1 minute', extract(year FROM now())::int
            FROM generate_series(1, 100000) g;
            ANALYZE credits.credit;
            """;

    static final String REMOVE = """
            DELETE FROM credits.credit WHERE case_id LIKE 'bench-%';
            DELETE FROM credits.publication_project WHERE case_id LIKE 'bench-%';
            DELETE FROM credits.publication WHERE case_id LIKE 'bench-%';
            """;

    private HallOfFameSeed() {
    }
}
