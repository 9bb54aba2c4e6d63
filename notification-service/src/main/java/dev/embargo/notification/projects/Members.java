package dev.embargo.notification.projects;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.notification.mail.MailHeaders;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.logging.Log;

/** The members read model, kept from {@code project.membership-changed}. */
@ApplicationScoped
public class Members implements PanacheRepositoryBase<Member, Member.Key> {

    Members() {
    }

    /** A membership change as the read model takes it; {@code role} is null for a removal. */
    record Change(String projectSlug, String subject, boolean removed, Member.Role role, String email,
            Instant changedAt) {
    }

    void apply(Change change) {
        Member existing = findById(new Member.Key(change.projectSlug(), change.subject()));
        if (change.removed()) {
            if (existing != null && !change.changedAt().isBefore(existing.changedAt())) {
                delete(existing);
            }
            return;
        }
        String email = change.email();
        if (email != null && !MailHeaders.isSafeAddress(email)) {
            // Never let a CR/LF or a malformed address reach a mail header; the membership itself still applies.
            Log.warnf("membership of project %s: notification address refused as unsafe", change.projectSlug());
            email = null;
        }
        Member member = existing != null ? existing : new Member(change.projectSlug(), change.subject());
        member.update(change.role(), email, change.changedAt());
        if (existing == null) {
            persist(member);
        }
    }

    public Optional<Member> find(String projectSlug, String subject) {
        return findByIdOptional(new Member.Key(projectSlug, subject));
    }

    public List<Member> ofProjects(Collection<String> projectSlugs) {
        if (projectSlugs.isEmpty()) {
            return List.of();
        }
        if (projectSlugs.size() == 1) {
            // The usual case (a case of one project), once per event: unlike an IN list, whose SQL depends on its
            // length, Hibernate translates this query once and reuses its plan.
            return getEntityManager()
                    .createQuery("from Member m where m.id.projectSlug = :slug order by m.id.subject", Member.class)
                    .setParameter("slug", projectSlugs.iterator().next()).getResultList();
        }
        return getEntityManager()
                .createQuery("from Member m where m.id.projectSlug in :slugs order by m.id.subject", Member.class)
                .setParameter("slugs", projectSlugs).getResultList();
    }
}
