package dev.embargo.intake.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.intake.projects.TrackingIds;
import dev.embargo.platform.outbox.Outbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/**
 * The collection of submitted reports. A submission is written with plain JDBC, in the two round trips its transaction
 * needs (lock and claim; the insert, sent with its outbox row); everything else goes through Hibernate.
 */
@ApplicationScoped
public class Reports implements PanacheRepositoryBase<Report, UUID> {

    /**
     * What the project holds under a fingerprint: the report already submitted with it, or, when there is none and the
     * reporter is not banned from the project, the next number of the project's tracking-id sequence.
     */
    record Claim(Optional<UUID> existing, long number, boolean reporterBanned) {
    }

    private final AgroalDataSource dataSource;

    Reports(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Queues behind identical submissions, then checks the fingerprint and the reporter's ban
     * ({@link ReporterStanding#BANNED}) and draws the tracking number: two statements sent in one round trip.
     *
     * <p>
     * The first waits for, then holds until commit, a transaction-level advisory lock on the fingerprint (which covers
     * project, reporter and content): identical submissions queue there, while different reports never wait for each
     * other. Its key is the fingerprint's first 64 bits; two fingerprints sharing them would merely wait for each
     * other. The second starts only once the lock is held, and under READ COMMITTED takes its snapshot then, so it sees
     * the winner's commit; the unique key (project_id, fingerprint) stays the last line. It draws a number only when no
     * report has this fingerprint and the reporter is not banned (PostgreSQL evaluates the branch of the {@code CASE}
     * it takes), so neither a resubmission nor a banned reporter burns one.
     */
    Claim lockAndClaim(UUID projectId, String fingerprint, String reporterKey) {
        String sql = "SELECT pg_advisory_xact_lock(?); SELECT r.id, " + ReporterStanding.BANNED
                + ", CASE WHEN r.id IS NULL AND NOT " + ReporterStanding.BANNED
                + " THEN nextval(CAST(? AS regclass)) END FROM (SELECT 1) AS one"
                + " LEFT JOIN report r ON r.project_id = ? AND r.fingerprint = ?"
                + " LEFT JOIN reporter_standing s ON s.project_id = ? AND s.reporter_key = ?";
        // The data source hands out the transaction's own connection (no Hibernate session needed for a lock).
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, Long.parseUnsignedLong(fingerprint.substring(0, 16), 16));
            ps.setString(2, TrackingIds.sequenceOf(projectId));
            ps.setObject(3, projectId);
            ps.setString(4, fingerprint);
            ps.setObject(5, projectId);
            ps.setString(6, reporterKey);
            ps.execute();
            if (!ps.getMoreResults()) {
                throw new IllegalStateException("the claim returned no row");
            }
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                UUID existing = (UUID) rs.getObject(1);
                boolean banned = rs.getBoolean(2);
                return new Claim(Optional.ofNullable(existing), existing == null && !banned ? rs.getLong(3) : 0,
                        banned);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim a tracking number", e);
        }
    }

    /**
     * The insert of the report and its sealed fields, one statement, for the outbox to send in the same round trip as
     * the {@code report.submitted} row ({@link Outbox#appendWith}).
     */
    Outbox.StateChange insertOf(Report report) {
        return new Outbox.StateChange() {
            @Override
            public String sql() {
                return "WITH r AS (INSERT INTO report (id, project_id, tracking_id, policy_version, submitted_at,"
                        + " reporter_subject, reporter_key, fingerprint, token_hash, findings, acknowledge_due)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id)"
                        + " INSERT INTO report_field (report_id, name, ciphertext) SELECT r.id, f.name, f.ciphertext"
                        + " FROM r, unnest(?::text[], ?::bytea[]) AS f(name, ciphertext)";
            }

            @Override
            public int bind(PreparedStatement ps) throws SQLException {
                Map<String, byte[]> fields = report.sealedFields();
                ps.setObject(1, report.id());
                ps.setObject(2, report.projectId());
                ps.setString(3, report.trackingId());
                ps.setInt(4, report.policyVersion());
                ps.setTimestamp(5, Timestamp.from(report.submittedAt()));
                ps.setString(6, report.reporterSubject());
                ps.setString(7, report.reporterKey());
                ps.setString(8, report.fingerprint());
                ps.setString(9, report.tokenHash());
                ps.setString(10, String.join(",", report.findings()));
                ps.setTimestamp(11, report.acknowledgeDue() == null ? null : Timestamp.from(report.acknowledgeDue()));
                Connection c = ps.getConnection();
                ps.setArray(12, c.createArrayOf("text", fields.keySet().toArray(String[]::new)));
                ps.setArray(13, c.createArrayOf("bytea", fields.values().toArray(byte[][]::new)));
                return 13;
            }
        };
    }

    public Optional<Report> byId(UUID id) {
        return findByIdOptional(id);
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
