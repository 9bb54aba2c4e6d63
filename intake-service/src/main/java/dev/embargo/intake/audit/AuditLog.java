package dev.embargo.intake.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** The audit log of security-relevant actions: written in the transaction of the action, read by owners and admins. */
@ApplicationScoped
public class AuditLog {

    /** What was done. */
    public enum Action {
        PROJECT_REGISTERED, MEMBER_ADDED, MEMBER_ROLE_CHANGED, MEMBER_REMOVED, POLICY_PUBLISHED, BAN_LIFTED,
        KEY_ROTATION
    }

    /** Who did it: their subject, and whether they used platform-admin powers (not a role in the project). */
    public record Actor(String subject, boolean platformAdmin) {
    }

    /** One audited action as it is shown: actor, time, what changed; never report content. */
    public record Entry(long id, Instant occurredAt, String actor, boolean byPlatformAdmin, String project,
            String action, String target, String detail) {
        static Entry of(AuditEntry e) {
            return new Entry(e.id(), e.occurredAt(), e.actor(), e.byPlatformAdmin(), e.projectSlug(), e.action(),
                    e.target(), e.detail());
        }
    }

    private final EntityManager em;
    private final Clock clock;

    AuditLog(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** Records an action in the caller's transaction. {@code target} and {@code detail} are ids and roles only. */
    @Transactional(TxType.MANDATORY)
    public void record(Actor actor, UUID projectId, String projectSlug, Action action, String target, String detail) {
        em.persist(new AuditEntry(clock.instant(), actor == null ? null : actor.subject(),
                actor != null && actor.platformAdmin(), projectId, projectSlug, action.name(), target, detail));
    }

    /** A project's entries, newest first. */
    public List<Entry> ofProject(UUID projectId, int limit) {
        return em
                .createQuery("from AuditEntry where projectId = :p order by occurredAt desc, id desc", AuditEntry.class)
                .setParameter("p", projectId).setMaxResults(limit).getResultStream().map(Entry::of).toList();
    }

    /** Every entry, newest first (platform admins). */
    public List<Entry> all(int limit) {
        return em.createQuery("from AuditEntry order by occurredAt desc, id desc", AuditEntry.class)
                .setMaxResults(limit).getResultStream().map(Entry::of).toList();
    }
}
