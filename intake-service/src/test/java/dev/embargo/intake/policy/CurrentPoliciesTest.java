package dev.embargo.intake.policy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.EventType;
import dev.embargo.events.Topics;
import dev.embargo.intake.Fixtures;
import dev.embargo.testing.TestEvents;
import dev.embargo.testing.TestKafka;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A replica remembers a project and its current policy after the first submission and forgets them when a policy is
 * published, here or on another replica (whose event it reads from intake.projects). Publishing on this replica is
 * covered by {@code PolicyApiTest}: the next submission is checked against the new version.
 */
@QuarkusTest
class CurrentPoliciesTest {

    @Inject
    CurrentPolicies current;
    @Inject
    PolicyFollower follower;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aPolicyPublishedOnAnotherReplicaMakesThisOneReadTheProjectAgain() throws SQLException {
        // Once the follower stands at the end of the topic (it forgets everything read before that).
        await().atMost(Duration.ofSeconds(30)).until(follower::following);
        var project = Fixtures.projectWithExamplePolicy("openpanel");
        var other = Fixtures.projectWithExamplePolicy("pod");
        // Each project's own publication reaches the follower through the outbox relay, some time after its commit:
        // a submission before that would be remembered and then rightly forgotten.
        awaitOwnPublicationRead(projectId(project.slug()));
        awaitOwnPublicationRead(projectId(other.slug()));
        Fixtures.submit(project.slug(), Fixtures.completeReport()).statusCode(201);
        Fixtures.submit(other.slug(), Fixtures.completeReport()).statusCode(201);
        assertTrue(current.remembers(project.slug()), "a submission leaves the project remembered");
        assertTrue(current.remembers(other.slug()));

        // Another replica's publication: only its event reaches this one.
        TestEvents.publishRaw(Topics.INTAKE_PROJECTS, projectId(project.slug()), UUID.randomUUID().toString(),
                EventType.PROJECT_POLICY_PUBLISHED.type(), "{}".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).until(() -> !current.remembers(project.slug()));
        assertTrue(current.remembers(other.slug()), "another project's entry stays");
    }

    @Test
    void aSlugWithNoProjectIsNeverRemembered() {
        String unknown = Fixtures.randomSlug("nobody");
        Fixtures.submit(unknown, Map.of("title", "t", "description", "d")).statusCode(404);
        assertFalse(current.remembers(unknown), "a project registered later must take reports at once");
    }

    /** Waits until the project's policy-published event is on the topic and the follower has had time to read it. */
    private static void awaitOwnPublicationRead(String projectId) {
        String type = EventType.PROJECT_POLICY_PUBLISHED.type();
        await().atMost(Duration.ofSeconds(60)).until(() -> TestKafka
                .readAll(Topics.INTAKE_PROJECTS, Duration.ofSeconds(1)).stream()
                .anyMatch(r -> projectId.equals(r.key()) && r.headers().lastHeader("ce_type") != null
                        && type.equals(new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))));
    }

    private String projectId(String slug) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM intake.project WHERE slug = ?")) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
