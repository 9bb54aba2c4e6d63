package dev.embargo.bench;

/**
 * A million open cases with one unmet milestone each, in triage's schema, and the scheduler's due-milestone query
 * exactly as {@code triage.sla.SlaScheduler} runs it. Used inside a transaction that is rolled back.
 */
final class SlaSeed {

    static final String SEED_OPEN_MILESTONES = """
            INSERT INTO triage.cases (id, tracking_id, project_id, project_slug, policy_version, state,
                report_token_hash, content, submitted_at, updated_at)
            SELECT 'bench-' || g, 'BENCH-2026-' || lpad(g::text, 7, '0'), 'bench-project', 'bench', 1, 'TRIAGED',
                md5(g::text), '\\x00'::bytea, now(), now()
            FROM generate_series(1, 1000000) g;
            INSERT INTO triage.milestones (id, case_id, kind, started_at, due_at, warn_at)
            SELECT 'bench-m-' || g, 'bench-' || g, 'FIX', now(), now() + interval '30 days' + g * interval '1 second',
                now() + interval '20 days' + g * interval '1 second'
            FROM generate_series(1, 1000000) g;
            """;

    static final String MAKE_10K_DUE = """
            UPDATE triage.milestones SET due_at = now() - interval '1 minute', warn_at = now() - interval '2 minutes'
            WHERE id IN (SELECT 'bench-m-' || g FROM generate_series(1, 1000000, 100) g)
            """;

    static final String DUE_QUERY = """
            SELECT m.id, m.kind, m.due_at, c.id AS case_id, c.tracking_id, c.project_slug
            FROM triage.milestones m JOIN triage.cases c ON c.id = m.case_id
            WHERE m.due_at <= now() AND m.settled_at IS NULL AND m.breached_at IS NULL ORDER BY m.due_at
            LIMIT 100 FOR UPDATE OF m SKIP LOCKED
            """;

    private SlaSeed() {
    }
}
