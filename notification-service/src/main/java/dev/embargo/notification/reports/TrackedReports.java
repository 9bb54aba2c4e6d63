package dev.embargo.notification.reports;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.events.ReportContent;
import dev.embargo.events.ReportSubmitted;
import dev.embargo.notification.mail.MailHeaders;
import dev.embargo.notification.projects.ProjectPolicies;
import dev.embargo.notification.projects.ProjectPolicy;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.platform.inbox.RejectedEventException;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.logging.Log;

/** Reporter contacts and report titles by tracking id, opened from {@code report.submitted} and kept encrypted. */
@ApplicationScoped
public class TrackedReports implements PanacheRepositoryBase<TrackedReport, String> {

    private final Ciphers ciphers;
    private final ObjectMapper mapper;

    private final ProjectPolicies policies;

    TrackedReports(Ciphers ciphers, ObjectMapper mapper, ProjectPolicies policies) {
        this.ciphers = ciphers;
        this.mapper = mapper;
        this.policies = policies;
    }

    /**
     * Opens the reporter's contact and stores it re-encrypted. The sealed content stays closed, except for projects
     * whose policy opts in to titles in mails: then only the title is kept (encrypted), nothing else of the report.
     */
    public TrackedReport submitted(ReportSubmitted event) {
        String contact;
        String title = null;
        try {
            contact = ciphers.transport().decryptFromBase64(event.sealedContact(),
                    "report:" + event.reportId() + ":contact");
            if (policies.of(event.projectSlug()).map(ProjectPolicy::includeDetails).orElse(false)) {
                String content = ciphers.transport().decryptFromBase64(event.sealedContent(),
                        "report:" + event.reportId() + ":content");
                title = mapper.readValue(content, ReportContent.class).title();
            }
        } catch (RuntimeException | IOException e) {
            throw new RejectedEventException("sealed fields do not open");
        }
        if (contact != null && !MailHeaders.isSafeAddress(contact)) {
            Log.warnf("report %s: reporter contact refused as unsafe for a mail header", event.trackingId());
            contact = null;
        }
        TrackedReport report = find(event.trackingId()).orElse(null);
        boolean fresh = report == null;
        if (fresh) {
            report = new TrackedReport(event.trackingId(), event.projectSlug());
        }
        String id = event.trackingId();
        report.submitted(event.reportId(), event.reporterSubject(),
                ciphers.atRest().encrypt(contact, "tracked_report:" + id + ":contact"),
                ciphers.atRest().encrypt(title, "tracked_report:" + id + ":title"));
        if (fresh) {
            persist(report);
        }
        return report;
    }

    public void triaged(String trackingId, String projectSlug, String severity) {
        TrackedReport report = find(trackingId).orElse(null);
        if (report == null) {
            report = new TrackedReport(trackingId, projectSlug);
            persist(report);
        }
        report.triaged(severity);
    }

    public Optional<TrackedReport> find(String trackingId) {
        return findByIdOptional(trackingId);
    }

    public Optional<String> contact(TrackedReport report) {
        return Optional.ofNullable(
                ciphers.atRest().decrypt(report.contact(), "tracked_report:" + report.trackingId() + ":contact"));
    }

    public Optional<String> title(TrackedReport report) {
        return Optional.ofNullable(
                ciphers.atRest().decrypt(report.title(), "tracked_report:" + report.trackingId() + ":title"));
    }
}
