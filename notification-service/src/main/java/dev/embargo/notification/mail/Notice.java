package dev.embargo.notification.mail;

/**
 * What one notification mail says: one record per kind of mail, each rendered by its own type-checked templates. By
 * default only project, tracking id, severity and a link; the report title only when the project's policy opts in.
 * Never the report's text: the service does not even receive it from case events.
 */
public sealed interface Notice {

    /** Project, tracking id, link and the few details every mail may show. */
    Regarding about();

    /** The subject line: platform, project, tracking id and the kind of news; nothing from the report. */
    default String subject() {
        Regarding a = about();
        return "[Embargo] " + a.project() + (a.trackingId() == null ? "" : " " + a.trackingId()) + ": " + kindOfNews();
    }

    private String kindOfNews() {
        return switch (this) {
        case ReportReceived n -> "report received";
        case StatusChanged n -> "status changed";
        case MaintainerReplied n -> "the maintainers replied";
        case FixShipped n -> "fix shipped, please confirm";
        case DisclosureDate n -> "disclosure date set";
        case Published n -> "advisory published";
        case Credited n -> "you were credited";
        case NewReport n -> "new vulnerability report";
        case ReporterMessage n -> "the reporter sent a message";
        case SlaWarning n -> "SLA deadline approaching";
        case SlaBreached n -> "SLA deadline missed";
        case DisclosureScheduled n -> "disclosure scheduled";
        case HeadsUp n -> "embargoed security release notice";
        case Advisory n -> "security advisory published";
        case PublicationOverridden n -> "publication decided by the lead project";
        case AdminMembershipChange n -> "a platform admin changed the members";
        };
    }

    record ReportReceived(Regarding about, String acknowledgeSla, String assessSla) implements Notice {
    }

    record StatusChanged(Regarding about, String status) implements Notice {
    }

    record MaintainerReplied(Regarding about) implements Notice {
    }

    record FixShipped(Regarding about) implements Notice {
    }

    record DisclosureDate(Regarding about, String disclosureDate) implements Notice {
    }

    record Published(Regarding about) implements Notice {
    }

    record Credited(Regarding about) implements Notice {
    }

    record NewReport(Regarding about) implements Notice {
    }

    record ReporterMessage(Regarding about) implements Notice {
    }

    record SlaWarning(Regarding about, String milestone, String dueAt) implements Notice {
    }

    record SlaBreached(Regarding about, String milestone, String dueAt) implements Notice {
    }

    record DisclosureScheduled(Regarding about, String disclosureDate) implements Notice {
    }

    record HeadsUp(Regarding about, String disclosureDate) implements Notice {
    }

    record Advisory(Regarding about, String advisoryId, String advisorySummary) implements Notice {
    }

    record PublicationOverridden(Regarding about, String publishAt) implements Notice {
    }

    record AdminMembershipChange(Regarding about, String change) implements Notice {
    }
}
