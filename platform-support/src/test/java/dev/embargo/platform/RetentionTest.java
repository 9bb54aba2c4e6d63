package dev.embargo.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ProjectRegistered;
import dev.embargo.platform.outbox.Outbox;
import dev.embargo.platform.retention.DeliveryRetention;
import dev.embargo.platform.retention.RetentionConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RetentionTest {

    @Inject
    Outbox outbox;
    @Inject
    DeliveryRetention retention;
    @Inject
    RetentionConfig config;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void publishedOutboxRowsAndOldEventIdsArePurgedAfterTheirRetentionUnsentRowsNever() throws Exception {
        String published = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> outbox.append(
                new ProjectRegistered(published, "p-" + published.substring(0, 8), "kept", null, Instant.now())));
        await().atMost(30, TimeUnit.SECONDS)
                .until(() -> count("SELECT count(*) FROM outbox WHERE message_key = ?" + " AND sent_at IS NOT NULL",
                        published) == 1);
        await().atMost(30, TimeUnit.SECONDS)
                .until(() -> count("SELECT count(*) FROM effects WHERE subject = ?", published) == 1);
        String publishedEventId = string("SELECT id::text FROM outbox WHERE message_key = ?", published);
        assertEquals(1, count("SELECT count(*) FROM inbox WHERE event_id = ?", publishedEventId));
        // An unsent row, held by a lock as the relay holds what it is publishing, so the relay cannot send it
        // meanwhile.
        try (Connection held = unsentRowHeldByALock()) {
            // An id of an event on a topic Kafka keeps 30 days, and one of intake.projects, which Kafka keeps forever.
            String oldReportEvent = UUID.randomUUID().toString();
            execute("INSERT INTO inbox (event_id, event_type, processed_at) VALUES (?, 'report.submitted.v1', now())",
                    oldReportEvent);

            // Within the retention nothing goes.
            retention.purge(Instant.now());
            assertEquals(1, count("SELECT count(*) FROM outbox WHERE message_key = ?", published));
            assertEquals(1, count("SELECT count(*) FROM inbox WHERE event_id = ?", oldReportEvent));

            Instant later = Instant.now().plus(config.processedInbox()).plus(config.sentOutbox())
                    .plus(Duration.ofDays(1));
            DeliveryRetention.Purged purged = retention.purge(later);
            assertTrue(purged.sentOutboxRows() >= 1 && purged.processedInboxRows() >= 1, purged.toString());
            assertEquals(0, count("SELECT count(*) FROM outbox WHERE message_key = ?", published),
                    "the published row with its payload is gone");
            assertEquals(1,
                    countIn(held,
                            "SELECT count(*) FROM outbox WHERE message_key = 'retention-unsent' AND sent_at IS NULL"),
                    "an unsent row stays");
            assertEquals(0, count("SELECT count(*) FROM inbox WHERE event_id = ?", oldReportEvent));
            assertEquals(1, count("SELECT count(*) FROM inbox WHERE event_id = ?", publishedEventId),
                    "ids of intake.projects events stay, since Kafka keeps those events forever");
            held.createStatement().execute("DELETE FROM outbox WHERE message_key = 'retention-unsent'");
            held.commit();
        }
    }

    /** A committed unsent outbox row, locked FOR UPDATE by the returned connection's open transaction. */
    private Connection unsentRowHeldByALock() throws SQLException {
        for (int attempt = 0; attempt < 20; attempt++) {
            execute("INSERT INTO outbox (id, topic, message_key, event_type, source, occurred_at, payload)"
                    + " VALUES (gen_random_uuid(), 'retention-test.never', ?, 'test.never.v1', '/intake-service', now(),"
                    + " '\\x00'::bytea)", "retention-unsent");
            Connection c = dataSource.getConnection();
            c.setAutoCommit(false);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM outbox"
                    + " WHERE message_key = 'retention-unsent' AND sent_at IS NULL FOR UPDATE NOWAIT")) {
                if (rs.next()) {
                    return c;
                }
            } catch (SQLException lockedByTheRelay) {
                // the relay had it first: try again with a new row
            }
            c.rollback();
            c.close();
        }
        throw new IllegalStateException("could not hold an unsent row");
    }

    private static long countIn(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long count(String sql, String arg) {
        return Rows.count(dataSource, sql, arg);
    }

    private String string(String sql, String arg) {
        return Rows.string(dataSource, sql, arg);
    }

    private void execute(String sql, String arg) {
        Rows.execute(dataSource, sql, arg);
    }
}
