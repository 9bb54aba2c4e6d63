package dev.embargo.intake.reports;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The collection of submitted reports and reporter standings. */
@ApplicationScoped
public class Reports {

    private final EntityManager em;

    Reports(EntityManager em) {
        this.em = em;
    }

    void add(Report report) {
        em.persist(report);
    }

    public Optional<Report> byId(UUID id) {
        return Optional.ofNullable(em.find(Report.class, id));
    }

    Optional<Report> byFingerprint(UUID projectId, String fingerprint) {
        return em.createQuery("from Report where projectId = :p and fingerprint = :f", Report.class)
                .setParameter("p", projectId).setParameter("f", fingerprint).getResultStream().findFirst();
    }

    Optional<Report> byTokenHash(UUID projectId, String tokenHash) {
        return em.createQuery("from Report where projectId = :p and tokenHash = :h", Report.class)
                .setParameter("p", projectId).setParameter("h", tokenHash).getResultStream().findFirst();
    }

    /** Report ids in id order, after the given one (from the start when empty), for batch jobs. */
    List<UUID> ids(Optional<UUID> after, int limit) {
        var query = after.isEmpty() ? em.createQuery("select id from Report order by id", UUID.class)
                : em.createQuery("select id from Report where id > :after order by id", UUID.class)
                        .setParameter("after", after.get());
        return query.setMaxResults(limit).getResultList();
    }

    ReporterStanding standing(UUID projectId, String reporterKey) {
        ReporterStanding standing = em.find(ReporterStanding.class, new ReporterStanding.Key(projectId, reporterKey));
        if (standing == null) {
            standing = new ReporterStanding(projectId, reporterKey);
            em.persist(standing);
        }
        return standing;
    }

    Optional<ReporterStanding> existingStanding(UUID projectId, String reporterKey) {
        return Optional.ofNullable(em.find(ReporterStanding.class, new ReporterStanding.Key(projectId, reporterKey)));
    }

    List<ReporterStanding> standings(UUID projectId) {
        return em.createQuery("from ReporterStanding where projectId = :p order by reporterKey", ReporterStanding.class)
                .setParameter("p", projectId).getResultList();
    }
}
