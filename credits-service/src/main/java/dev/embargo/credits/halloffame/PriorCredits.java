package dev.embargo.credits.halloffame;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Prior acknowledgements per project, kept as the project's latest policy lists them. */
@ApplicationScoped
class PriorCredits implements PanacheRepositoryBase<PriorCredit, PriorCredit.Key> {

    /** A project's policy version and the earlier acknowledgements it lists, translated from the contract. */
    record Listed(String projectSlug, int policyVersion, List<HallOfFame.Earlier> credits) {
    }

    /** Takes the list of a newly published policy version; an older version arriving late changes nothing. */
    @Transactional(TxType.MANDATORY)
    void policyPublished(Listed listed) {
        // Claims the version: only a newer one than the last seen (with or without a list) replaces the list.
        int newer = getEntityManager()
                .createNativeQuery("INSERT INTO prior_credit_source (project_slug, policy_version)"
                        + " VALUES (?1, ?2) ON CONFLICT (project_slug) DO UPDATE SET policy_version = EXCLUDED.policy_version"
                        + " WHERE prior_credit_source.policy_version < EXCLUDED.policy_version")
                .setParameter(1, listed.projectSlug()).setParameter(2, listed.policyVersion()).executeUpdate();
        if (newer == 0) {
            return;
        }
        stored(listed.projectSlug()).forEach(this::delete);
        flush();
        for (int i = 0; i < listed.credits().size(); i++) {
            var c = listed.credits().get(i);
            persist(new PriorCredit(listed.projectSlug(), i, c.name(), c.summary(), c.when(), listed.policyVersion()));
        }
    }

    List<HallOfFame.Earlier> of(String projectSlug) {
        return projectSlug == null ? List.of() : stored(projectSlug).stream().map(PriorCredit::view).toList();
    }

    private List<PriorCredit> stored(String slug) {
        return find("from PriorCredit where projectSlug = ?1 order by position", slug).list();
    }
}
