package dev.embargo.platform.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.events.EventCodec;
import dev.embargo.events.EventEnvelope;
import dev.embargo.events.EventType;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.platform.tracing.EventTracing;
import io.agroal.api.AgroalDataSource;

/**
 * Records an event in the service's outbox table inside the caller's transaction, so the event exists if and only if
 * the state change commits. The {@link OutboxRelay} publishes it later. This is the only way services emit events.
 */
@ApplicationScoped
public class Outbox {

    private final AgroalDataSource dataSource;
    private final EventCodec codec;
    private final Clock clock;
    private final String source;
    private final EventTracing tracing;
    private final Event<Appended> appended;
    private final ObjectMapper json;

    Outbox(AgroalDataSource dataSource, EventCodec codec, Clock clock, EventTracing tracing, Event<Appended> appended,
            ObjectMapper json, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.dataSource = dataSource;
        this.appended = appended;
        this.json = json;
        this.tracing = tracing;
        this.codec = codec;
        this.clock = clock;
        this.source = "/" + applicationName;
    }

    /**
     * Appends an event; must run inside the transaction of the state change it reports.
     *
     * @return the envelope the event will carry
     */
    @Transactional(TxType.MANDATORY)
    public EventEnvelope append(LifecycleEvent event) {
        return write(event, null);
    }

    /**
     * Makes a state change and appends the event that reports it in one round trip to PostgreSQL: the change's SQL and
     * the outbox row's insert go as two statements of one request. Both belong to the caller's transaction, so neither
     * is written without the other. Must run inside that transaction.
     *
     * @return the envelope the event will carry
     */
    @Transactional(TxType.MANDATORY)
    public EventEnvelope appendWith(StateChange change, LifecycleEvent event) {
        return write(event, change);
    }

    private EventEnvelope write(LifecycleEvent event, StateChange change) {
        EventType type = EventType.of(event);
        byte[] payload = codec.encode(event);
        var envelope = new EventEnvelope(UUID.randomUUID().toString(), type.type(), source, clock.instant(),
                event.subject());
        String insert = "INSERT INTO outbox (id, topic, message_key, event_type, source, occurred_at, payload, headers)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(change == null ? insert : change.sql() + "; " + insert)) {
            int at = change == null ? 0 : change.bind(ps);
            ps.setObject(at + 1, UUID.fromString(envelope.id()));
            ps.setString(at + 2, type.topic());
            ps.setString(at + 3, envelope.subject());
            ps.setString(at + 4, envelope.type());
            ps.setString(at + 5, envelope.source());
            ps.setTimestamp(at + 6, Timestamp.from(envelope.time()));
            ps.setBytes(at + 7, payload);
            ps.setString(at + 8, json.writeValueAsString(tracing.currentContext()));
            ps.execute();
            // Each statement's count, in order; the outbox's comes last. A failing statement has already thrown.
            if (change != null && !ps.getMoreResults() && ps.getUpdateCount() != 1) {
                throw new IllegalStateException("the outbox row was not written");
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not write to the outbox", e);
        }
        // Observed after a successful commit only: the relay publishes right away rather than at its next poll.
        appended.fire(new Appended(type.topic()));
        return envelope;
    }

    /** The SQL of a state change, to be sent along with its event's outbox row (see {@link #appendWith}). */
    public interface StateChange {

        /** One statement, with {@code ?} parameters and no trailing semicolon. */
        String sql();

        /** Binds the statement's parameters, numbered from 1; returns how many it bound. */
        int bind(PreparedStatement statement) throws SQLException;
    }

    /** An event row was written in the current transaction. */
    record Appended(String topic) {
    }
}
