package dev.embargo.notification.headsup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The pending pre-disclosure notice of one case: due {@code headsUpDays} before its disclosure date. */
@Entity
@Table(name = "heads_up")
class HeadsUp {

    @Id
    @Column(name = "case_id")
    private String caseId;
    @Column(name = "tracking_id")
    private String trackingId;
    @Column(name = "project_slugs")
    private String projectSlugs;
    @Column(name = "disclosure_date")
    private LocalDate disclosureDate;
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "released_at")
    private Instant releasedAt;

    protected HeadsUp() {
    }

    HeadsUp(String caseId, String trackingId) {
        this.caseId = caseId;
        this.trackingId = trackingId;
    }

    /** Sets (or moves) the date; a notice already sent for the old date is sent again for the new one. */
    void schedule(List<String> projectSlugs, LocalDate disclosureDate, int headsUpDays) {
        schedule(projectSlugs, disclosureDate, headsUpDays, null);
    }

    /** With the agreed instant (date, hour, time zone), the notice period counts back from that instant. */
    void schedule(List<String> projectSlugs, LocalDate disclosureDate, int headsUpDays, Instant disclosureAt) {
        if (!disclosureDate.equals(this.disclosureDate)) {
            this.releasedAt = null;
        }
        this.projectSlugs = String.join(",", projectSlugs);
        this.disclosureDate = disclosureDate;
        this.dueAt = disclosureAt != null ? disclosureAt.minus(Duration.ofDays(headsUpDays))
                : disclosureDate.minusDays(headsUpDays).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    boolean isDue(Instant now) {
        return releasedAt == null && !dueAt.isAfter(now);
    }

    void released(Instant now) {
        this.releasedAt = now;
    }

    /** The advisory is out: a heads-up would come too late. */
    void published(Instant now) {
        if (releasedAt == null) {
            releasedAt = now;
        }
    }

    String caseId() {
        return caseId;
    }

    String trackingId() {
        return trackingId;
    }

    List<String> projectSlugs() {
        return Arrays.asList(projectSlugs.split(","));
    }

    LocalDate disclosureDate() {
        return disclosureDate;
    }
}
