package dev.embargo.credits.grant;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The credits this service holds. */
@ApplicationScoped
public class Credits implements PanacheRepositoryBase<Credit, UUID> {

    Set<Integer> slotsOf(String caseId) {
        return new HashSet<>(getEntityManager()
                .createQuery("select c.slot from Credit c where c.publication.caseId = :c", Integer.class)
                .setParameter("c", caseId).getResultList());
    }

    /** Every credit of one published case. */
    List<Credit> ofCase(String caseId) {
        return find("select c from Credit c join fetch c.publication where c.publication.caseId = ?1", caseId).list();
    }

    /** Credits tied to this account that it has not claimed yet. */
    public List<Credit> claimableBy(String subject) {
        return find("select c from Credit c where c.researcherSubject = ?1 and c.claimedAt is null"
                + " order by c.creditedAt, c.id", subject).list();
    }

    /** Every credit tied to this account, oldest first. */
    public List<Credit> of(String subject) {
        return find("select c from Credit c join fetch c.publication where c.researcherSubject = ?1"
                + " order by c.creditedAt, c.id", subject).list();
    }
}
