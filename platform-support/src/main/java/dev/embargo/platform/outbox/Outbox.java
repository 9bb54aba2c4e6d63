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
        EventType type = EventType.of(event);
        byte[] payload = codec.encode(event);
        var envelope = new EventEnvelope(UUID.randomUUID().toString(), type.type(), source, clock.instant(),
                event.subject());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO outbox (id, topic, message_key, event_type, source, occurred_at, payload, headers)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            ps.setObject(1, UUID.fromString(envelope.id()));
            ps.setString(2, type.topic());
            ps.setString(3, envelope.subject());
            ps.setString(4, envelope.type());
            ps.setString(5, envelope.source());
            ps.setTimestamp(6, Timestamp.from(envelope.time()));
            ps.setBytes(7, payload);
            ps.setString(8, json.writeValueAsString(tracing.currentContext()));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not write to the outbox", e);
        }
        // Observed after a successful commit only: the relay publishes right away rather than at its next poll.
        appended.fire(new Appended(type.topic()));
        return envelope;
    }

    /** An event row was written in the current transaction. */
    record Appended(String topic) {
    }
}
