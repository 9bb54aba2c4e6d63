package dev.embargo.intake.reports;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

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

    /**
     * Waits for, then holds until commit, a transaction-level advisory lock on the fingerprint (which covers project,
     * reporter and content): identical submissions queue here so the second one sees the first one's report, while
     * different reports never wait for each other. The key is the fingerprint's first 64 bits; two different
     * fingerprints sharing them would merely wait for each other. The lookup after the lock sees the winner's commit
     * because reads run under READ COMMITTED; the unique key (project_id, fingerprint) stays the last line.
     */
    void lockFingerprint(String fingerprint) {
        long key = Long.parseUnsignedLong(fingerprint.substring(0, 16), 16);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            }
        });
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
