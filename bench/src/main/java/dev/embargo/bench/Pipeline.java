package dev.embargo.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Whether the platform has caught up with what it was sent: every service's outbox published, no delivery due and not
 * yet attempted, and every consumer's inbox standing still. A phase that starts before the previous one's backlog is
 * gone measures that backlog, so the bench waits for this between phases.
 */
final class Pipeline {

    static final List<String> SCHEMAS = List.of("intake", "triage", "notification", "credits");

    private final Bench bench;

    Pipeline(Bench bench) {
        this.bench = bench;
    }

    /** Waits until drained; returns how long that took, or null when it was not drained within {@code limit}. */
    Duration drain(Duration limit) throws Exception {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long lastInboxes = -1;
        try (Connection c = bench.superuser(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                long unsent = 0;
                long inboxes = 0;
                for (String schema : SCHEMAS) {
                    unsent += count(s, "SELECT count(*) FROM " + schema + ".outbox WHERE sent_at IS NULL");
                    inboxes += count(s, "SELECT count(*) FROM " + schema + ".inbox");
                }
                long due = count(s, "SELECT count(*) FROM notification.delivery WHERE status = 'PENDING'"
                        + " AND next_attempt_at <= now()");
                if (unsent == 0 && due == 0 && inboxes == lastInboxes) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                lastInboxes = unsent == 0 ? inboxes : -1;
                Thread.sleep(250);
            }
        }
        return null;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
