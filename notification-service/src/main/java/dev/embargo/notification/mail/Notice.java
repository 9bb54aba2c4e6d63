package dev.embargo.notification.mail;

import io.quarkus.qute.TemplateData;

/**
 * What one notification mail says. By default only project, tracking id, severity and a link; the report title only
 * when the project's policy opts in. Never the report's text: the service does not even receive it from case events.
 */
@TemplateData
public final class Notice {

    /** The kinds of mail, with their subject line (no content, only the kind of news). */
    public enum Kind {
        REPORT_RECEIVED("report received"), STATUS_CHANGED("status changed"),
        MAINTAINER_REPLIED("the maintainers replied"), FIX_SHIPPED("fix shipped, please confirm"),
        DISCLOSURE_DATE("disclosure date set"), PUBLISHED("advisory published"), CREDITED("you were credited"),
        NEW_REPORT("new vulnerability report"), REPORTER_MESSAGE("the reporter sent a message"),
        SLA_WARNING("SLA deadline approaching"), SLA_BREACHED("SLA deadline missed"),
        DISCLOSURE_SCHEDULED("disclosure scheduled"), HEADS_UP("embargoed security release notice"),
        ADVISORY("security advisory published"), PUBLICATION_OVERRIDDEN("publication decided by the lead project"),
        ADMIN_MEMBERSHIP_CHANGE("a platform admin changed the members");

        private final String subjectLine;

        Kind(String subjectLine) {
            this.subjectLine = subjectLine;
        }
    }

    public final String kind;
    public final String project;
    public final String trackingId;
    public final String link;
    public String severity;
    public String title;
    public String status;
    public String milestone;
    public String dueAt;
    public String disclosureDate;
    public String acknowledgeSla;
    public String assessSla;
    public String advisoryId;
    public String advisorySummary;
    public String publishAt;
    private final Kind kindValue;

    public Notice(Kind kind, String project, String trackingId, String link) {
        this.kindValue = kind;
        this.kind = kind.name();
        this.project = project;
        this.trackingId = trackingId;
        this.link = link;
    }

    public Kind kindValue() {
        return kindValue;
    }

    /** The subject line: platform, project, tracking id and the kind of news; nothing from the report. */
    public String subject() {
        return "[Embargo] " + project + (trackingId == null ? "" : " " + trackingId) + ": " + kindValue.subjectLine;
    }
}
