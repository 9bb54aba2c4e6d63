package dev.embargo.platform.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
     * Records the deliveries' event ids in the caller's transaction, which must also carry their effects.
     *
     * @return the ids recorded now: an id missing from it was processed before, so its effect must not be applied again
     */
    @Transactional(TxType.MANDATORY)
    Set<String> firstDeliveries(List<EventDispatch.Delivery> deliveries) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO inbox (event_id, event_type) SELECT * FROM unnest(?::text[], ?::text[])"
                                + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id")) {
            ps.setArray(1,
                    c.createArrayOf("text", deliveries.stream().map(d -> d.envelope().id()).toArray(String[]::new)));
            ps.setArray(2,
                    c.createArrayOf("text", deliveries.stream().map(d -> d.envelope().type()).toArray(String[]::new)));
            Set<String> recorded = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recorded.add(rs.getString(1));
                }
            }
            return recorded;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the events in the inbox", e);
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
