package dev.embargo.platform.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.events.EventType;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/**
 * Purges delivery rows past their retention: published outbox rows (their payloads may be sealed report content) and
 * the ids of processed events whose event Kafka no longer holds. Unsent outbox rows are never touched.
 */
@ApplicationScoped
public class DeliveryRetention {

    /** What one purge removed. */
    public record Purged(int sentOutboxRows, int processedInboxRows) {
    }

    private final AgroalDataSource dataSource;
    private final RetentionConfig config;
    private final MeterRegistry registry;
    private final Clock clock;
    private final String[] keptTypes;

    DeliveryRetention(AgroalDataSource dataSource, RetentionConfig config, MeterRegistry registry, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.keptTypes = Arrays.stream(EventType.values()).filter(t -> config.topicsKeptForever().contains(t.topic()))
                .map(EventType::type).toArray(String[]::new);
    }

    @Scheduled(every = "${embargo.retention.every:1h}", concurrentExecution = ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Purged purged = purge(clock.instant());
            if (purged.sentOutboxRows() + purged.processedInboxRows() > 0) {
                Log.infof("retention: purged %d published outbox rows and %d processed event ids",
                        purged.sentOutboxRows(), purged.processedInboxRows());
            }
        } catch (IllegalStateException e) {
            Log.warnf("retention: purge failed, next run retries: %s", e.getMessage());
        }
    }

    /** Deletes what is past its retention at the given instant. */
    public Purged purge(Instant now) {
        int outbox = deleteInBatches("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox"
                + " WHERE sent_at IS NOT NULL AND sent_at < ? LIMIT ?)", now.minus(config.sentOutbox()), false);
        int inbox = deleteInBatches(
                "DELETE FROM inbox WHERE event_id IN (SELECT event_id FROM inbox"
                        + " WHERE processed_at < ? AND NOT (event_type = ANY (?)) LIMIT ?)",
                now.minus(config.processedInbox()), true);
        registry.counter("embargo.retention.purged", "table", "outbox").increment(outbox);
        registry.counter("embargo.retention.purged", "table", "inbox").increment(inbox);
        return new Purged(outbox, inbox);
    }

    private int deleteInBatches(String sql, Instant cutoff, boolean withKeptTypes) {
        int total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setTimestamp(i++, Timestamp.from(cutoff));
            if (withKeptTypes) {
                ps.setArray(i++, c.createArrayOf("text", keptTypes));
            }
            ps.setInt(i, config.batchSize());
            int deleted;
            do {
                deleted = ps.executeUpdate();
                total += deleted;
            } while (deleted == config.batchSize());
        } catch (SQLException e) {
            throw new IllegalStateException("could not purge delivery rows", e);
        }
        return total;
    }
}
