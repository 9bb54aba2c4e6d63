package dev.embargo.platform.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.agroal.api.AgroalDataSource;

/** The processed-event ledger of the idempotent consumer. */
@ApplicationScoped
public class Inbox {

    private final AgroalDataSource dataSource;

    Inbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records an event id in the caller's transaction, which must also carry the event's effect.
     *
     * @return false when the event was processed before, so the effect must not be applied again
     */
    @Transactional(TxType.MANDATORY)
    public boolean firstDelivery(String eventId, String eventType) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO inbox (event_id, event_type) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING")) {
            ps.setString(1, eventId);
            ps.setString(2, eventType);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the event in the inbox", e);
        }
    }

    /** Records why an event was given up on, next to where it lies in Kafka. */
    @Transactional(TxType.REQUIRES_NEW)
    public void recordDeadLetter(String eventId, String eventType, String topic, int partition, long offset,
            String reason) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO dead_letter (event_id, event_type, topic, kafka_partition, kafka_offset, reason)"
                                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, eventId);
            ps.setString(2, eventType);
            ps.setString(3, topic);
            ps.setInt(4, partition);
            ps.setLong(5, offset);
            ps.setString(6, reason);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the dead letter", e);
        }
    }
}
