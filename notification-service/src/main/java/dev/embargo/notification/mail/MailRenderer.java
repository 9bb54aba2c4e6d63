package dev.embargo.notification.mail;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Renders a {@link Notice} with its type-checked templates, {@code mail/text/…} and {@code mail/html/…}. */
@ApplicationScoped
public class MailRenderer {

    /** A rendered mail, ready for the delivery log. */
    public record Rendered(String subject, String text, String html) {
    }

    @CheckedTemplate(basePath = "mail/text")
    static class Text {
        static native TemplateInstance reportReceived(Notice.ReportReceived n);

        static native TemplateInstance statusChanged(Notice.StatusChanged n);

        static native TemplateInstance maintainerReplied(Notice.MaintainerReplied n);

        static native TemplateInstance fixShipped(Notice.FixShipped n);

        static native TemplateInstance disclosureDate(Notice.DisclosureDate n);

        static native TemplateInstance published(Notice.Published n);

        static native TemplateInstance credited(Notice.Credited n);

        static native TemplateInstance newReport(Notice.NewReport n);

        static native TemplateInstance reporterMessage(Notice.ReporterMessage n);

        static native TemplateInstance slaWarning(Notice.SlaWarning n);

        static native TemplateInstance slaBreached(Notice.SlaBreached n);

        static native TemplateInstance disclosureScheduled(Notice.DisclosureScheduled n);

        static native TemplateInstance headsUp(Notice.HeadsUp n);

        static native TemplateInstance advisory(Notice.Advisory n);

        static native TemplateInstance publicationOverridden(Notice.PublicationOverridden n);

        static native TemplateInstance adminMembershipChange(Notice.AdminMembershipChange n);
    }

    @CheckedTemplate(basePath = "mail/html")
    static class Html {
        static native TemplateInstance reportReceived(Notice.ReportReceived n);

        static native TemplateInstance statusChanged(Notice.StatusChanged n);

        static native TemplateInstance maintainerReplied(Notice.MaintainerReplied n);

        static native TemplateInstance fixShipped(Notice.FixShipped n);

        static native TemplateInstance disclosureDate(Notice.DisclosureDate n);

        static native TemplateInstance published(Notice.Published n);

        static native TemplateInstance credited(Notice.Credited n);

        static native TemplateInstance newReport(Notice.NewReport n);

        static native TemplateInstance reporterMessage(Notice.ReporterMessage n);

        static native TemplateInstance slaWarning(Notice.SlaWarning n);

        static native TemplateInstance slaBreached(Notice.SlaBreached n);

        static native TemplateInstance disclosureScheduled(Notice.DisclosureScheduled n);

        static native TemplateInstance headsUp(Notice.HeadsUp n);

        static native TemplateInstance advisory(Notice.Advisory n);

        static native TemplateInstance publicationOverridden(Notice.PublicationOverridden n);

        static native TemplateInstance adminMembershipChange(Notice.AdminMembershipChange n);
    }

    public Rendered render(Notice notice) {
        String subject = notice.subject();
        if (MailHeaders.hasControlCharacters(subject)) {
            throw new IllegalArgumentException("subject would carry control characters");
        }
        return new Rendered(subject, text(notice).render(), html(notice).render());
    }

    private static TemplateInstance text(Notice notice) {
        return switch (notice) {
        case Notice.ReportReceived n -> Text.reportReceived(n);
        case Notice.StatusChanged n -> Text.statusChanged(n);
        case Notice.MaintainerReplied n -> Text.maintainerReplied(n);
        case Notice.FixShipped n -> Text.fixShipped(n);
        case Notice.DisclosureDate n -> Text.disclosureDate(n);
        case Notice.Published n -> Text.published(n);
        case Notice.Credited n -> Text.credited(n);
        case Notice.NewReport n -> Text.newReport(n);
        case Notice.ReporterMessage n -> Text.reporterMessage(n);
        case Notice.SlaWarning n -> Text.slaWarning(n);
        case Notice.SlaBreached n -> Text.slaBreached(n);
        case Notice.DisclosureScheduled n -> Text.disclosureScheduled(n);
        case Notice.HeadsUp n -> Text.headsUp(n);
        case Notice.Advisory n -> Text.advisory(n);
        case Notice.PublicationOverridden n -> Text.publicationOverridden(n);
        case Notice.AdminMembershipChange n -> Text.adminMembershipChange(n);
        };
    }

    private static TemplateInstance html(Notice notice) {
        return switch (notice) {
        case Notice.ReportReceived n -> Html.reportReceived(n);
        case Notice.StatusChanged n -> Html.statusChanged(n);
        case Notice.MaintainerReplied n -> Html.maintainerReplied(n);
        case Notice.FixShipped n -> Html.fixShipped(n);
        case Notice.DisclosureDate n -> Html.disclosureDate(n);
        case Notice.Published n -> Html.published(n);
        case Notice.Credited n -> Html.credited(n);
        case Notice.NewReport n -> Html.newReport(n);
        case Notice.ReporterMessage n -> Html.reporterMessage(n);
        case Notice.SlaWarning n -> Html.slaWarning(n);
        case Notice.SlaBreached n -> Html.slaBreached(n);
        case Notice.DisclosureScheduled n -> Html.disclosureScheduled(n);
        case Notice.HeadsUp n -> Html.headsUp(n);
        case Notice.Advisory n -> Html.advisory(n);
        case Notice.PublicationOverridden n -> Html.publicationOverridden(n);
        case Notice.AdminMembershipChange n -> Html.adminMembershipChange(n);
        };
    }
}
