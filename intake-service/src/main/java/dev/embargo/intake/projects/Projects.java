package dev.embargo.intake.projects;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/** The collection of hosted projects and their memberships. */
@ApplicationScoped
public class Projects {

    private final EntityManager em;

    Projects(EntityManager em) {
        this.em = em;
    }

    public Optional<Project> bySlug(String slug) {
        return em.createQuery("from Project where slug = :slug", Project.class).setParameter("slug", slug)
                .getResultStream().findFirst();
    }

    /** The project with its row locked until the transaction ends (policy versions). */
    public Optional<Project> bySlugForUpdate(String slug) {
        return em.createQuery("from Project where slug = :slug", Project.class).setParameter("slug", slug)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    public List<Project> all() {
        return em.createQuery("from Project order by slug", Project.class).getResultList();
    }

    void add(Project project) {
        em.persist(project);
    }

    void add(Membership membership) {
        em.persist(membership);
    }

    void remove(Membership membership) {
        em.remove(membership);
    }

    public List<Membership> members(UUID projectId) {
        return em.createQuery("from Membership where projectId = :p order by role, subject", Membership.class)
                .setParameter("p", projectId).getResultList();
    }

    /** The subject's memberships with their projects, by project slug. */
    public List<Object[]> membershipsOf(String subject) {
        return em.createQuery("select p, m from Project p, Membership m where m.projectId = p.id and m.subject = :s"
                + " order by p.slug", Object[].class).setParameter("s", subject).getResultList();
    }

    public Optional<Membership> membership(UUID projectId, String subject) {
        return Optional.ofNullable(em.find(Membership.class, new Membership.Key(projectId, subject)));
    }
}
