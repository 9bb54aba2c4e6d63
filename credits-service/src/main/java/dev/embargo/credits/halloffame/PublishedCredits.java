package dev.embargo.credits.halloffame;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.embargo.credits.grant.Credit;
import dev.embargo.credits.grant.Publication;
import dev.embargo.credits.researcher.ResearcherProfile;

/** Published advisories and their credits, with their researchers' current wishes applied. */
@ApplicationScoped
class PublishedCredits {

    private final EntityManager em;

    PublishedCredits(EntityManager em) {
        this.em = em;
    }

    /** Whether any published advisory covers this project; others answer exactly like a project that does not exist. */
    @Transactional
    boolean hasPublished(String project) {
        return !em.createNativeQuery("SELECT 1 FROM publication_project WHERE project_slug = :slug LIMIT 1")
                .setParameter("slug", project).getResultList().isEmpty();
    }

    @Transactional
    Optional<AdvisoryCredits> ofAdvisory(String trackingId) {
        Optional<Publication> publication = em
                .createQuery("select pub from Publication pub where pub.trackingId = :t", Publication.class)
                .setParameter("t", trackingId).getResultStream().findFirst();
        return publication.map(pub -> {
            List<Attribution> attributions = em
                    .createQuery(
                            "select c, p from Credit c left join ResearcherProfile p on p.subject = c.researcherSubject"
                                    + " where c.publication = :pub order by c.slot",
                            Object[].class)
                    .setParameter("pub", pub).getResultList().stream()
                    .map(row -> Attribution.of((Credit) row[0], (ResearcherProfile) row[1])).toList();
            return AdvisoryCredits.of(pub, attributions);
        });
    }
}
