package dev.embargo.credits.researcher;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Researcher profiles, one per signed-in account. */
@ApplicationScoped
class Researchers {

    private final EntityManager em;

    Researchers(EntityManager em) {
        this.em = em;
    }

    Optional<ResearcherProfile> bySubject(String subject) {
        return em.createQuery("select p from ResearcherProfile p where p.subject = :s", ResearcherProfile.class)
                .setParameter("s", subject).getResultStream().findFirst();
    }

    void add(ResearcherProfile profile) {
        em.persist(profile);
    }
}
