package dev.embargo.notification.reports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What notifications know of one report, by tracking id (case events carry it too): the reporter's contact and the
 * title, both encrypted at rest, and the severity once triaged.
 */
@Entity
@Table(name = "tracked_report")
public class TrackedReport {

    @Id
    @Column(name = "tracking_id")
    private String trackingId;
    @Column(name = "report_id")
    private String reportId;
    @Column(name = "project_slug")
    private String projectSlug;
    @Column(name = "reporter_subject")
    private String reporterSubject;
    private byte[] contact;
    private byte[] title;
    private String severity;

    protected TrackedReport() {
    }

    TrackedReport(String trackingId, String projectSlug) {
        this.trackingId = trackingId;
        this.projectSlug = projectSlug;
    }

    void submitted(String reportId, String reporterSubject, byte[] sealedContact, byte[] sealedTitle) {
        this.reportId = reportId;
        this.reporterSubject = reporterSubject;
        this.contact = sealedContact;
        this.title = sealedTitle;
    }

    void triaged(String severity) {
        this.severity = severity;
    }

    public String trackingId() {
        return trackingId;
    }

    public String projectSlug() {
        return projectSlug;
    }

    public String reporterSubject() {
        return reporterSubject;
    }

    public String severity() {
        return severity;
    }

    byte[] contact() {
        return contact;
    }

    byte[] title() {
        return title;
    }
}
