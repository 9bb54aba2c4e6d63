package dev.embargo.notification.projects;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.embargo.events.ProjectMembershipChanged;
import dev.embargo.notification.mail.MailHeaders;
import io.quarkus.logging.Log;

/** The members read model, kept from {@code project.membership-changed}. */
@ApplicationScoped
public class Members {

    private final EntityManager em;

    Members(EntityManager em) {
        this.em = em;
    }

    void apply(ProjectMembershipChanged event) {
        Member.Key key = new Member.Key(event.slug(), event.memberSubject());
        Member existing = em.find(Member.class, key);
        if (event.change() == ProjectMembershipChanged.Change.REMOVED) {
            if (existing != null && !event.changedAt().isBefore(existing.changedAt())) {
                em.remove(existing);
            }
            return;
        }
        String email = event.email();
        if (email != null && !MailHeaders.isSafeAddress(email)) {
            // Never let a CR/LF or a malformed address reach a mail header; the membership itself still applies.
            Log.warnf("membership of project %s: notification address refused as unsafe", event.slug());
            email = null;
        }
        Member member = existing != null ? existing : new Member(event.slug(), event.memberSubject());
        member.update(Member.Role.valueOf(event.role().name()), email, event.changedAt());
        if (existing == null) {
            em.persist(member);
        }
    }

    public Optional<Member> find(String projectSlug, String subject) {
        return Optional.ofNullable(em.find(Member.class, new Member.Key(projectSlug, subject)));
    }

    public List<Member> ofProjects(Collection<String> projectSlugs) {
        if (projectSlugs.isEmpty()) {
            return List.of();
        }
        return em.createQuery("from Member m where m.id.projectSlug in :slugs order by m.id.subject", Member.class)
                .setParameter("slugs", projectSlugs).getResultList();
    }
}
