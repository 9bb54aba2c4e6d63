package dev.embargo.notification.mail;

/**
 * What a notification mail is about, shown in every mail's footer.
 *
 * @param trackingId
 *            null for news about a project rather than a case
 * @param severity
 *            shown when known
 * @param title
 *            the report's title, only for projects whose policy opts in to details in mails
 */
public record Regarding(String project, String trackingId, String link, String severity, String title) {

    public static Regarding of(String project, String trackingId, String link) {
        return new Regarding(project, trackingId, link, null, null);
    }

    public Regarding withSeverity(String severity) {
        return new Regarding(project, trackingId, link, severity, title);
    }

    public Regarding withTitle(String title) {
        return new Regarding(project, trackingId, link, severity, title);
    }
}
