package dev.embargo.credits.grant;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The credits and publications this service holds. */
@ApplicationScoped
public class Credits {

    private final EntityManager em;

    Credits(EntityManager em) {
        this.em = em;
    }

    Optional<Publication> publication(String caseId) {
        return Optional.ofNullable(em.find(Publication.class, caseId));
    }

    Optional<Publication> publicationByTrackingId(String trackingId) {
        return em.createQuery("select p from Publication p where p.trackingId = :t", Publication.class)
                .setParameter("t", trackingId).getResultStream().findFirst();
    }

    void add(Publication publication) {
        em.persist(publication);
    }

    void add(Credit credit) {
        em.persist(credit);
    }

    Set<Integer> slotsOf(String caseId) {
        return new HashSet<>(
                em.createQuery("select c.slot from Credit c where c.publication.caseId = :c", Integer.class)
                        .setParameter("c", caseId).getResultList());
    }

    /** Every credit of one published case. */
    List<Credit> ofCase(String caseId) {
        return em.createQuery("select c from Credit c join fetch c.publication where c.publication.caseId = :c",
                Credit.class).setParameter("c", caseId).getResultList();
    }

    /** Credits tied to this account that it has not claimed yet. */
    public List<Credit> claimableBy(String subject) {
        return em.createQuery(
                "select c from Credit c where c.researcherSubject = :s and c.claimedAt is null order by c.creditedAt, c.id",
                Credit.class).setParameter("s", subject).getResultList();
    }

    /** Every credit tied to this account, oldest first. */
    public List<Credit> of(String subject) {
        return em.createQuery(
                "select c from Credit c join fetch c.publication where c.researcherSubject = :s order by c.creditedAt, c.id",
                Credit.class).setParameter("s", subject).getResultList();
    }
}
