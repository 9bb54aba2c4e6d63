package dev.embargo.intake.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.embargo.events.ProjectPolicyPublished;
import dev.embargo.events.SecurityPolicy;
import dev.embargo.intake.Refused;
import dev.embargo.intake.audit.AuditLog;
import dev.embargo.intake.projects.Project;
import dev.embargo.intake.projects.Projects;
import dev.embargo.platform.outbox.Outbox;
import io.quarkus.logging.Log;

/** The collection of published policy versions; publishing appends a version and its event in one transaction. */
@ApplicationScoped
public class Policies {

    /** A policy version with its parsed document. */
    public record Published(int version, Instant publishedAt, String publishedBy, SecurityPolicy policy) {
    }

    /** A version was published in the current transaction; observed after its commit ({@link CurrentPolicies}). */
    record VersionPublished(UUID projectId) {
    }

    /** Versions kept parsed; far more than the platform hosts, only a bound against surprises. */
    private static final int MAX_PARSED = 10_000;

    private final PolicyVersions versions;
    private final Projects projects;
    private final PolicyDocuments documents;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final Event<VersionPublished> publishedEvents;
    // A published version never changes, so every submission need not read and parse the current one again.
    private final Map<PolicyVersion.Key, Published> parsed = new ConcurrentHashMap<>();

    Policies(PolicyVersions versions, Projects projects, PolicyDocuments documents, Outbox outbox, AuditLog audit,
            Clock clock, Event<VersionPublished> publishedEvents) {
        this.publishedEvents = publishedEvents;
        this.versions = versions;
        this.projects = projects;
        this.documents = documents;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** Publishes for the platform itself (the demo projects), named after {@code by}. */
    @Transactional
    public Published publish(String slug, SecurityPolicy policy, String by) {
        return publish(slug, policy, new AuditLog.Actor(by, false));
    }

    /** Publishes a new immutable version with its event and an audit entry, in one transaction. */
    @Transactional
    public Published publish(String slug, SecurityPolicy policy, AuditLog.Actor actor) {
        String by = actor.subject();
        Project project = projects.bySlugForUpdate(slug).orElseThrow(Refused::notFound);
        int version = project.publishPolicyVersion();
        var row = new PolicyVersion(project.id(), version, clock.instant(), by, documents.write(policy));
        versions.add(row);
        outbox.append(new ProjectPolicyPublished(project.id().toString(), project.slug(), version, row.publishedAt(),
                policy));
        audit.record(actor, project.id(), project.slug(), AuditLog.Action.POLICY_PUBLISHED, "v" + version, null);
        publishedEvents.fire(new VersionPublished(project.id()));
        Log.infof("project %s published policy version %d", slug, version);
        return new Published(version, row.publishedAt(), by, policy);
    }

    public Optional<Published> current(Project project) {
        return project.currentPolicyVersion().flatMap(v -> version(project.id(), v));
    }

    public Optional<Published> version(UUID projectId, int version) {
        var key = new PolicyVersion.Key(projectId, version);
        Published cached = parsed.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Published> found = versions.of(projectId, version).map(this::of);
        found.ifPresent(p -> {
            if (parsed.size() >= MAX_PARSED) {
                parsed.clear();
            }
            parsed.put(key, p);
        });
        return found;
    }

    public List<Published> history(UUID projectId) {
        return versions.history(projectId).stream().map(this::of).toList();
    }

    private Published of(PolicyVersion v) {
        return new Published(v.version(), v.publishedAt(), v.publishedBy(), documents.read(v.document()));
    }
}
