package dev.embargo.notification.routing;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.events.CaseAcknowledged;
import dev.embargo.events.CaseClosed;
import dev.embargo.events.CaseDisclosureScheduled;
import dev.embargo.events.CaseFixed;
import dev.embargo.events.CaseMessagePosted;
import dev.embargo.events.CaseNeedsInfo;
import dev.embargo.events.CaseProjectAdded;
import dev.embargo.events.CasePublicationOverridden;
import dev.embargo.events.CasePublished;
import dev.embargo.events.CaseReopened;
import dev.embargo.events.CaseTriaged;
import dev.embargo.events.CreditGranted;
import dev.embargo.events.EventEnvelope;
import dev.embargo.events.EventType;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.events.ProjectMembershipChanged;
import dev.embargo.events.ReportSubmitted;
import dev.embargo.events.SlaBreached;
import dev.embargo.events.SlaWarning;
import dev.embargo.events.Topics;
import dev.embargo.notification.headsup.HeadsUps;
import dev.embargo.notification.projects.ProjectPolicies;
import dev.embargo.notification.projects.ProjectPolicy;
import dev.embargo.notification.reports.TrackedReports;
import dev.embargo.notification.routing.CaseTerms.AuthorKind;
import dev.embargo.notification.routing.CaseTerms.Milestone;
import dev.embargo.notification.routing.CaseTerms.Resolution;
import dev.embargo.notification.routing.CaseTerms.Visibility;
import dev.embargo.platform.inbox.EventHandler;

/**
 * The edge of routing: the one place that reads report, case, SLA and credit events. Each becomes our own terms and a
 * call on {@link Notifications} (or the heads-up and report features), in the consumer's transaction.
 */
@ApplicationScoped
class NotificationEvents implements EventHandler {

    private static final Set<String> TOPICS = Set.of(Topics.INTAKE_REPORTS, Topics.TRIAGE_CASES, Topics.TRIAGE_SLA,
            Topics.CREDITS_CREDITS, Topics.INTAKE_PROJECTS);

    private final Notifications notifications;
    private final TrackedReports reports;
    private final HeadsUps headsUps;
    private final ProjectPolicies policies;

    NotificationEvents(Notifications notifications, TrackedReports reports, HeadsUps headsUps,
            ProjectPolicies policies) {
        this.notifications = notifications;
        this.reports = reports;
        this.headsUps = headsUps;
        this.policies = policies;
    }

    @Override
    public Set<String> topics() {
        return TOPICS;
    }

    @Override
    public boolean accepts(String eventType) {
        // Of intake's project events only membership changes: an admin's change is mailed to the owners.
        return EventType.ofType(eventType).map(t -> t == EventType.PROJECT_MEMBERSHIP_CHANGED
                || TOPICS.contains(t.topic()) && !t.topic().equals(Topics.INTAKE_PROJECTS)).orElse(false);
    }

    @Override
    public void handle(EventEnvelope envelope, LifecycleEvent event) {
        String type = envelope.type().replaceFirst("\\.v\\d+$", "");
        switch (event) {
        case ReportSubmitted e -> notifications
                .reportSubmitted(news(envelope, type, e.trackingId(), List.of(e.projectSlug())), reports.submitted(e));
        case CaseAcknowledged e -> notifications.statusChanged(news(envelope, type, e.trackingId(), e.projectSlugs()),
                "acknowledged");
        case CaseTriaged e -> {
            reports.triaged(e.trackingId(), e.projectSlugs().get(0), text(e.severity()));
            notifications.statusChanged(news(envelope, type, e.trackingId(), e.projectSlugs()), "triaged");
        }
        case CaseNeedsInfo e -> notifications.statusChanged(news(envelope, type, e.trackingId(), e.projectSlugs()),
                "waiting for more information from you");
        case CaseReopened e -> notifications.statusChanged(news(envelope, type, e.trackingId(), e.projectSlugs()),
                "reopened");
        case CaseClosed e -> notifications.statusChanged(news(envelope, type, e.trackingId(), e.projectSlugs()),
                "closed (" + CaseTerms.read(Resolution.class, e.resolution()).shown() + ")");
        case CaseMessagePosted e -> notifications.messagePosted(news(envelope, type, e.trackingId(), e.projectSlugs()),
                CaseTerms.read(Visibility.class, e.visibility()), CaseTerms.read(AuthorKind.class, e.authorKind()));
        case CaseProjectAdded e -> notifications
                .projectAdded(news(envelope, type, e.trackingId(), List.of(e.addedProjectSlug())));
        case CaseFixed e -> notifications.fixed(news(envelope, type, e.trackingId(), e.projectSlugs()));
        case CaseDisclosureScheduled e -> {
            notifications.disclosureScheduled(news(envelope, type, e.trackingId(), e.projectSlugs()),
                    disclosureText(e));
            headsUps.schedule(
                    new HeadsUps.Disclosure(e.caseId(), e.trackingId(), e.projectSlugs(), e.disclosureDate(),
                            e.disclosureAt(), e.headsUpDays()),
                    policies.of(e.projectSlugs().get(0)).flatMap(ProjectPolicy::headsUpDays));
        }
        case CasePublished e -> {
            notifications.published(news(envelope, type, e.trackingId(), e.projectSlugs()));
            headsUps.published(envelope.id(), advisory(e));
        }
        case CasePublicationOverridden e -> notifications
                .publicationOverridden(news(envelope, type, e.trackingId(), e.projectSlugs()), e.publishAt());
        case SlaWarning e -> notifications.slaWarning(news(envelope, type, e.trackingId(), List.of(e.projectSlug())),
                CaseTerms.read(Milestone.class, e.milestone()), e.dueAt());
        case SlaBreached e -> notifications.slaBreached(news(envelope, type, e.trackingId(), List.of(e.projectSlug())),
                CaseTerms.read(Milestone.class, e.milestone()), e.dueAt());
        case ProjectMembershipChanged e when e.madeByPlatformAdmin() -> {
            String change = e.change().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + e.memberSubject()
                    + " (" + e.role().name().toLowerCase(Locale.ROOT) + ") by platform admin "
                    + (e.actor() == null ? "unknown" : e.actor());
            notifications.membershipChangedByAdmin(news(envelope, type, null, List.of(e.slug())), change,
                    e.memberSubject(), e.change() == ProjectMembershipChanged.Change.ADDED);
        }
        case CreditGranted e -> notifications.credited(news(envelope, type, e.trackingId(), List.of(e.projectSlug())),
                e.researcherSubject());
        default -> {
            // project events are kept by the projects feature
        }
        }
    }

    private static News news(EventEnvelope envelope, String type, String trackingId, List<String> projects) {
        return new News(envelope.id(), envelope.time(), type, trackingId, projects);
    }

    private static HeadsUps.Advisory advisory(CasePublished e) {
        String id = e.advisory() != null && e.advisory().hasNonNull("id") ? e.advisory().get("id").asText() : null;
        String summary = e.advisory() != null && e.advisory().hasNonNull("summary")
                ? e.advisory().get("summary").asText() : null;
        return new HeadsUps.Advisory(e.caseId(), e.trackingId(), e.projectSlugs(), text(e.severity()), id, summary);
    }

    private static String text(Object value) {
        return Optional.ofNullable(value).map(Object::toString).orElse(null);
    }

    /**
     * The agreed disclosure as people read it: date and hour in the zone they were agreed in, with the UTC time
     * (CERTCC/VINCE#140); a bare date from an older producer stays a date.
     */
    static String disclosureText(CaseDisclosureScheduled e) {
        if (e.disclosureAt() == null || e.timeZone() == null) {
            return e.disclosureDate().toString();
        }
        ZonedDateTime local = e.disclosureAt().atZone(ZoneId.of(e.timeZone()));
        ZonedDateTime utc = e.disclosureAt().atZone(ZoneOffset.UTC);
        return local.toLocalDate() + " " + local.toLocalTime().withSecond(0).withNano(0) + " " + e.timeZone() + " ("
                + utc.toLocalDate() + " " + utc.toLocalTime().withSecond(0).withNano(0) + " UTC)";
    }
}
