package dev.embargo.credits.halloffame;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.embargo.credits.grant.Credit;
import dev.embargo.credits.grant.Publication;
import dev.embargo.credits.researcher.ResearcherProfile;

/** Read side of the hall of fame: published credits with their researchers' current wishes applied. */
@ApplicationScoped
class PublishedCredits {

    private final EntityManager em;

    PublishedCredits(EntityManager em) {
        this.em = em;
    }

    @Transactional
    List<Attribution> ofYear(int year, String projectOrNull) {
        String jpql = "select c, p from Credit c join fetch c.publication pub"
                + " left join ResearcherProfile p on p.subject = c.researcherSubject where c.year = :year"
                + (projectOrNull == null ? "" : " and :slug member of pub.projectSlugs");
        var query = em.createQuery(jpql, Object[].class).setParameter("year", year);
        if (projectOrNull != null) {
            query.setParameter("slug", projectOrNull);
        }
        return query.getResultList().stream().map(row -> Attribution.of((Credit) row[0], (ResearcherProfile) row[1]))
                .toList();
    }

    /** Whether any published advisory covers this project; others answer exactly like a project that does not exist. */
    @Transactional
    boolean hasPublished(String project) {
        return em.createQuery("select count(pub) from Publication pub where :slug member of pub.projectSlugs",
                Long.class).setParameter("slug", project).getSingleResult() > 0;
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
