package dev.embargo.credits.halloffame;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.embargo.events.ProjectPolicyPublished;
import dev.embargo.events.SecurityPolicy;

/** Prior acknowledgements per project, kept as the project's latest policy lists them. */
@ApplicationScoped
class PriorCredits {

    private final EntityManager em;

    PriorCredits(EntityManager em) {
        this.em = em;
    }

    /** Takes the list of a newly published policy version; an older version arriving late changes nothing. */
    @Transactional(TxType.MANDATORY)
    void policyPublished(ProjectPolicyPublished event) {
        List<SecurityPolicy.PriorCredit> listed = event.policy() == null || event.policy().priorCredits() == null
                ? List.of() : event.policy().priorCredits();
        // Claims the version: only a newer one than the last seen (with or without a list) replaces the list.
        int newer = em.createNativeQuery("INSERT INTO prior_credit_source (project_slug, policy_version)"
                + " VALUES (?1, ?2) ON CONFLICT (project_slug) DO UPDATE SET policy_version = EXCLUDED.policy_version"
                + " WHERE prior_credit_source.policy_version < EXCLUDED.policy_version").setParameter(1, event.slug())
                .setParameter(2, event.version()).executeUpdate();
        if (newer == 0) {
            return;
        }
        List<PriorCredit> stored = stored(event.slug());
        stored.forEach(em::remove);
        em.flush();
        for (int i = 0; i < listed.size(); i++) {
            var c = listed.get(i);
            em.persist(new PriorCredit(event.slug(), i, c.name(), c.summary(), c.when(), event.version()));
        }
    }

    List<HallOfFame.Earlier> of(String projectSlug) {
        return projectSlug == null ? List.of() : stored(projectSlug).stream().map(PriorCredit::view).toList();
    }

    private List<PriorCredit> stored(String slug) {
        return em.createQuery("from PriorCredit where projectSlug = :s order by position", PriorCredit.class)
                .setParameter("s", slug).getResultList();
    }
}
