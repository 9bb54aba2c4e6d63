package dev.embargo.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.events.EventEnvelope;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.events.ProjectRegistered;
import dev.embargo.events.Topics;
import dev.embargo.platform.inbox.EventHandler;
import dev.embargo.platform.inbox.RejectedEventException;
import io.agroal.api.AgroalDataSource;

/**
 * Writes one row per applied event; refuses projects named "poison"; holds a project named "hold" until the test
 * releases it.
 */
@ApplicationScoped
class RecordingHandler implements EventHandler {

    static volatile CountDownLatch release = new CountDownLatch(0);
    static volatile boolean holding;

    private final AgroalDataSource dataSource;

    RecordingHandler(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.INTAKE_PROJECTS);
    }

    @Override
    public boolean accepts(String eventType) {
        return eventType.equals("project.registered.v1");
    }

    @Override
    public void handle(EventEnvelope envelope, LifecycleEvent event) {
        if (((ProjectRegistered) event).name().equals("poison")) {
            throw new RejectedEventException("project name refused by test handler");
        }
        if (((ProjectRegistered) event).name().equals("hold")) {
            holding = true;
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO effects (subject, event_id) VALUES (?, ?)")) {
            ps.setString(1, envelope.subject());
            ps.setString(2, envelope.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
