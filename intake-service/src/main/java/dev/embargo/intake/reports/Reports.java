package dev.embargo.intake.reports;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The collection of submitted reports. */
@ApplicationScoped
public class Reports implements PanacheRepositoryBase<Report, UUID> {

    void add(Report report) {
        persist(report);
    }

    public Optional<Report> byId(UUID id) {
        return findByIdOptional(id);
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
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            }
        });
    }

    Optional<Report> byFingerprint(UUID projectId, String fingerprint) {
        return find("from Report where projectId = ?1 and fingerprint = ?2", projectId, fingerprint)
                .firstResultOptional();
    }

    Optional<Report> byTokenHash(UUID projectId, String tokenHash) {
        return find("from Report where projectId = ?1 and tokenHash = ?2", projectId, tokenHash).firstResultOptional();
    }

    /** Report ids in id order, after the given one (from the start when empty), for batch jobs. */
    List<UUID> ids(Optional<UUID> after, int limit) {
        var em = getEntityManager();
        var query = after.isEmpty() ? em.createQuery("select id from Report order by id", UUID.class)
                : em.createQuery("select id from Report where id > :after order by id", UUID.class)
                        .setParameter("after", after.get());
        return query.setMaxResults(limit).getResultList();
    }
}
