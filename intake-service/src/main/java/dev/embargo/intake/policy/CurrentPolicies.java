package dev.embargo.intake.policy;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.embargo.intake.projects.Project;
import dev.embargo.intake.projects.Projects;

/**
 * The project behind a slug and the policy it takes reports under now, remembered per replica so that a submission
 * reads neither. Publishing a version forgets the project's entry: on the replica that published, right after the
 * commit; on every other replica when the {@code project.policy-published} event arrives ({@link PolicyFollower}).
 * Entries older than {@link PolicyCacheConfig#maxAge()} are read again. Unknown slugs are never remembered, so a newly
 * registered project takes reports at once.
 */
@ApplicationScoped
public class CurrentPolicies {

    /** A project as submissions need it, with the policy version current when it was read (empty before the first). */
    public record Current(UUID projectId, String slug, String name, Optional<Policies.Published> policy) {
    }

    private record Entry(Current current, long readAtMillis) {
    }

    private final Projects projects;
    private final Policies policies;
    private final Clock clock;
    private final long maxAgeMillis;
    private final ConcurrentHashMap<String, Entry> bySlug = new ConcurrentHashMap<>();
    /** Counts invalidations: a read that overlapped one may be stale and is not remembered. */
    private final AtomicLong forgotten = new AtomicLong();

    CurrentPolicies(Projects projects, Policies policies, Clock clock, PolicyCacheConfig config) {
        this.projects = projects;
        this.policies = policies;
        this.clock = clock;
        this.maxAgeMillis = config.maxAge().toMillis();
    }

    /** The project with this slug and its current policy; empty when there is no such project. */
    public Optional<Current> of(String slug) {
        Entry entry = bySlug.get(slug);
        long now = clock.millis();
        if (entry != null && now - entry.readAtMillis() < maxAgeMillis) {
            return Optional.of(entry.current());
        }
        long before = forgotten.get();
        Optional<Current> read = projects.bySlug(slug).map(this::current);
        if (read.isPresent() && forgotten.get() == before) {
            bySlug.put(slug, new Entry(read.get(), now));
        }
        return read;
    }

    /** Forgets what this replica remembers of the project; its next submission reads it again. */
    public void forget(UUID projectId) {
        forgotten.incrementAndGet();
        bySlug.values().removeIf(entry -> entry.current().projectId().equals(projectId));
    }

    /** Forgets every project; each one's next submission reads it again. */
    void forgetAll() {
        forgotten.incrementAndGet();
        bySlug.clear();
    }

    /** Whether this replica remembers the project of this slug now (for tests and operators). */
    boolean remembers(String slug) {
        return bySlug.containsKey(slug);
    }

    void published(@Observes(during = TransactionPhase.AFTER_SUCCESS) Policies.VersionPublished published) {
        forget(published.projectId());
    }

    private Current current(Project project) {
        return new Current(project.id(), project.slug(), project.name(), policies.current(project));
    }
}
