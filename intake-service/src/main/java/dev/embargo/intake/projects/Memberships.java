package dev.embargo.intake.projects;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The collection of memberships: who holds which role in which project. */
@ApplicationScoped
public class Memberships implements PanacheRepositoryBase<Membership, Membership.Key> {

    void add(Membership membership) {
        persist(membership);
    }

    void remove(Membership membership) {
        delete(membership);
    }

    public List<Membership> members(UUID projectId) {
        return list("from Membership where projectId = ?1 order by role, subject", projectId);
    }

    /** The subject's memberships with their projects, by project slug. */
    public List<Object[]> membershipsOf(String subject) {
        return getEntityManager()
                .createQuery("select p, m from Project p, Membership m where m.projectId = p.id and m.subject = :s"
                        + " order by p.slug", Object[].class)
                .setParameter("s", subject).getResultList();
    }

    public Optional<Membership> membership(UUID projectId, String subject) {
        return findByIdOptional(new Membership.Key(projectId, subject));
    }
}
