package dev.embargo.intake.reports;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A reporter's record with one project: rejected low-effort reports, and the ban once the policy's threshold is hit.
 */
@Entity
@Table(name = "reporter_standing")
@IdClass(ReporterStanding.Key.class)
class ReporterStanding {

    /** Composite key: project and reporter. */
    public static class Key implements Serializable {
        UUID projectId;
        String reporterKey;

        public Key() {
        }

        Key(UUID projectId, String reporterKey) {
            this.projectId = projectId;
            this.reporterKey = reporterKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(projectId, k.projectId)
                    && Objects.equals(reporterKey, k.reporterKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, reporterKey);
        }
    }

    @Id
    @Column(name = "project_id")
    private UUID projectId;
    @Id
    @Column(name = "reporter_key")
    private String reporterKey;
    private int strikes;
    @Column(name = "banned_at")
    private Instant bannedAt;

    protected ReporterStanding() {
    }

    ReporterStanding(UUID projectId, String reporterKey) {
        this.projectId = projectId;
        this.reporterKey = reporterKey;
    }

    /**
     * The rule, as SQL over a row {@code s} of this table (null when there is none): a reporter is banned while
     * {@code banned_at} is set. The submission's claim statement reads it there, without loading the standing.
     */
    static final String BANNED = "(s.banned_at IS NOT NULL)";

    boolean isBanned() {
        return bannedAt != null;
    }

    int strikes() {
        return strikes;
    }

    /** Counts a rejected low-effort report; bans at the threshold (0 = never). */
    void strike(int banThreshold, Instant now) {
        strikes++;
        if (banThreshold > 0 && strikes >= banThreshold && bannedAt == null) {
            bannedAt = now;
        }
    }

    String reporterKey() {
        return reporterKey;
    }

    Instant bannedAt() {
        return bannedAt;
    }

    /** Owners give a banned reporter another chance: the ban and the strikes are cleared. */
    void lift() {
        strikes = 0;
        bannedAt = null;
    }
}
