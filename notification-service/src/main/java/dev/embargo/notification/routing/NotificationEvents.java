package dev.embargo.notification.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import dev.embargo.events.EventCodec;
import dev.embargo.events.EventEnvelope;
import dev.embargo.events.EventType;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.events.ProjectMembershipChanged;
import dev.embargo.events.ReportSubmitted;
import dev.embargo.events.SlaBreached;
import dev.embargo.events.SlaWarning;
import dev.embargo.events.Topics;
import dev.embargo.notification.delivery.Channel;
import dev.embargo.notification.delivery.Deliveries;
import dev.embargo.notification.headsup.HeadsUps;
import dev.embargo.notification.mail.MailConfig;
import dev.embargo.notification.mail.MailRenderer;
import dev.embargo.notification.mail.Notice;
import dev.embargo.notification.preferences.Preferences;
import dev.embargo.notification.projects.Member;
import dev.embargo.notification.projects.Members;
import dev.embargo.notification.projects.ProjectPolicies;
import dev.embargo.notification.projects.ProjectPolicy;
import dev.embargo.notification.reports.TrackedReport;
import dev.embargo.notification.reports.TrackedReports;
import dev.embargo.notification.webhooks.WebhookEndpoint;
import dev.embargo.notification.webhooks.WebhookEndpoints;
import dev.embargo.platform.inbox.EventHandler;

/**
 * Turns report, case, SLA and credit events into deliveries: decides who hears about what over which channel and queues
 * one delivery-log row per recipient and channel, in the consumer's transaction. Sends nothing itself.
 */
@ApplicationScoped
class NotificationEvents implements EventHandler {

    private static final Set<String> TOPICS = Set.of(Topics.INTAKE_REPORTS, Topics.TRIAGE_CASES, Topics.TRIAGE_SLA,
            Topics.CREDITS_CREDITS, Topics.INTAKE_PROJECTS);

    private final TrackedReports reports;
    private final Members members;
    private final ProjectPolicies policies;
    private final Preferences preferences;
    private final Deliveries deliveries;
    private final WebhookEndpoints webhooks;
    private final HeadsUps headsUps;
    private final MailRenderer renderer;
    private final MailConfig mail;
    private final EscalationConfig escalation;
    private final ObjectMapper json;

    NotificationEvents(TrackedReports reports, Members members, ProjectPolicies policies, Preferences preferences,
            Deliveries deliveries, WebhookEndpoints webhooks, HeadsUps headsUps, MailRenderer renderer, MailConfig mail,
            EscalationConfig escalation, EventCodec codec) {
        this.escalation = escalation;
        this.reports = reports;
        this.members = members;
        this.policies = policies;
        this.preferences = preferences;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.headsUps = headsUps;
        this.renderer = renderer;
        this.mail = mail;
        this.json = codec.mapper();
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
        case ReportSubmitted e -> {
            TrackedReport report = reports.submitted(e);
            Ctx ctx = new Ctx(envelope.id(), envelope.time(), type, e.trackingId(), List.of(e.projectSlug()));
            Optional<ProjectPolicy> policy = policies.of(e.projectSlug());
            toReporter(ctx, report, Notice.Kind.REPORT_RECEIVED, n -> {
                n.acknowledgeSla = policy.flatMap(ProjectPolicy::acknowledgeSla).orElse(null);
                n.assessSla = policy.flatMap(ProjectPolicy::assessSla).orElse(null);
            });
            toMembers(ctx, Notice.Kind.NEW_REPORT, Set.of(Member.Role.values()), n -> {
            });
            toWebhooks(ctx, Map.of());
        }
        case CaseAcknowledged e -> statusChange(envelope, type, e.trackingId(), e.projectSlugs(), "acknowledged");
        case CaseTriaged e -> {
            reports.triaged(e.trackingId(), e.projectSlugs().get(0), e.severity().name());
            statusChange(envelope, type, e.trackingId(), e.projectSlugs(), "triaged");
        }
        case CaseNeedsInfo e -> statusChange(envelope, type, e.trackingId(), e.projectSlugs(),
                "waiting for more information from you");
        case CaseReopened e -> statusChange(envelope, type, e.trackingId(), e.projectSlugs(), "reopened");
        case CaseClosed e -> statusChange(envelope, type, e.trackingId(), e.projectSlugs(),
                "closed (" + e.resolution().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        case CaseMessagePosted e -> {
            Ctx ctx = new Ctx(envelope.id(), envelope.time(), type, e.trackingId(), e.projectSlugs());
            boolean toReporterThread = "REPORTER".equals(e.visibility().name());
            if (toReporterThread && "MAINTAINER".equals(e.authorKind().name())) {
                toReporter(ctx, Notice.Kind.MAINTAINER_REPLIED, n -> {
                });
            } else if (toReporterThread && "REPORTER".equals(e.authorKind().name())) {
                toMembers(ctx, Notice.Kind.REPORTER_MESSAGE, Set.of(Member.Role.values()), n -> {
                });
            }
            if (toReporterThread) {
                toWebhooks(ctx, Map.of("authorKind", e.authorKind().name()));
            }
        }
        case CaseProjectAdded e -> {
            Ctx ctx = new Ctx(envelope.id(), envelope.time(), type, e.trackingId(), List.of(e.addedProjectSlug()));
            toMembers(ctx, Notice.Kind.NEW_REPORT, Set.of(Member.Role.values()), n -> {
            });
            toWebhooks(ctx, Map.of());
        }
        case CaseFixed e -> {
            Ctx ctx = new Ctx(envelope.id(), envelope.time(), type, e.trackingId(), e.projectSlugs());
            toReporter(ctx, Notice.Kind.FIX_SHIPPED, n -> {
            });
            toWebhooks(ctx, Map.of());
        }
        case CaseDisclosureScheduled e -> {
            Ctx ctx = new Ctx(envelope.id(), envelope.time(), type, e.trackingId(), e.projectSlugs());
            String date = disclosureText(e);
            toReporter(ctx, Notice.Kind.DISCLOSURE_DATE, n -> n.disclosureDate = date);
            toMembers(ctx, Notice.Kind.DISCLOSURE_SCHEDULED, Set.of(Member.Role.values()),
                    n -> n.disclosureDate = date);
            headsUps.schedule(e, policies.of(e.projectSlugs().get(0)).flatMap(ProjectPolicy::headsUpDays));
            toWebhooks(ctx, Map.of("disclosureDate", date));
        }
        case CasePublished e -> {
            Ctx ctx = new Ctx(envelope.id(), envelope.time(), type, e.trackingId(), e.projectSlugs());
            toReporter(ctx, Notice.Kind.PUBLISHED, n -> {
            });
            headsUps.published(envelope.id(), e);
            toWebhooks(ctx, Map.of());
        }
        case CasePublicationOverridden e -> {
            // Every project and the reporter hear that the lead's owner published ahead of the guard.
            Ctx ctx = new Ctx(envelope.id(), envelope.time(), type, e.trackingId(), e.projectSlugs());
            String at = e.publishAt() == null ? null : e.publishAt().toString();
            toReporter(ctx, Notice.Kind.PUBLICATION_OVERRIDDEN, n -> n.publishAt = at);
            toMembers(ctx, Notice.Kind.PUBLICATION_OVERRIDDEN, Set.of(Member.Role.values()), n -> n.publishAt = at);
            toWebhooks(ctx, at == null ? Map.of() : Map.of("publishAt", at));
        }
        case SlaWarning e -> {
            Ctx ctx = new Ctx(envelope.id(), envelope.time(), type, e.trackingId(), List.of(e.projectSlug()));
            // Warnings go to the maintainers doing the work; owners hear only of breaches (or if nobody else would).
            boolean hasMaintainers = members.ofProjects(ctx.projects()).stream()
                    .anyMatch(m -> m.role() == Member.Role.MAINTAINER);
            toMembers(ctx, Notice.Kind.SLA_WARNING,
                    hasMaintainers ? Set.of(Member.Role.MAINTAINER) : Set.of(Member.Role.OWNER), n -> {
                        n.milestone = e.milestone().name().toLowerCase(java.util.Locale.ROOT);
                        n.dueAt = e.dueAt().toString();
                    });
            toWebhooks(ctx, Map.of("milestone", e.milestone().name(), "dueAt", e.dueAt().toString()));
        }
        case SlaBreached e -> {
            Ctx ctx = new Ctx(envelope.id(), envelope.time(), type, e.trackingId(), List.of(e.projectSlug()));
            toMembers(ctx, Notice.Kind.SLA_BREACHED, Set.of(Member.Role.values()), n -> {
                n.milestone = e.milestone().name().toLowerCase(java.util.Locale.ROOT);
                n.dueAt = e.dueAt().toString();
            });
            if ("DISCLOSE".equals(e.milestone().name())) {
                toPlatformAdmins(ctx, e);
            }
            toWebhooks(ctx, Map.of("milestone", e.milestone().name(), "dueAt", e.dueAt().toString()));
        }
        case ProjectMembershipChanged e when e.madeByPlatformAdmin() -> {
            // Separation of duties: the owners hear of every membership change a platform admin makes.
            Ctx ctx = new Ctx(envelope.id(), envelope.time(), type, null, List.of(e.slug()));
            String change = e.change().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            for (Member owner : members.ofProjects(ctx.projects())) {
                if (owner.role() != Member.Role.OWNER || owner.email().isEmpty()
                        || owner.subject().equals(e.memberSubject())
                                && e.change() == ProjectMembershipChanged.Change.ADDED) {
                    continue;
                }
                Notice notice = new Notice(Notice.Kind.ADMIN_MEMBERSHIP_CHANGE, e.slug(), null,
                        mail.linkBaseUrl() + "/projects/" + e.slug() + "/audit");
                notice.status = change + ": " + e.memberSubject() + " ("
                        + e.role().name().toLowerCase(java.util.Locale.ROOT) + ") by platform admin "
                        + (e.actor() == null ? "unknown" : e.actor());
                deliveries.enqueueEmail(ctx.about(), "member:" + owner.subject(), owner.email().get(),
                        renderer.render(notice));
            }
        }
        case CreditGranted e -> {
            Ctx ctx = new Ctx(envelope.id(), envelope.time(), type, e.trackingId(), List.of(e.projectSlug()));
            reports.find(e.trackingId()).filter(r -> isTheReporter(r, e))
                    .ifPresent(r -> toReporter(ctx, r, Notice.Kind.CREDITED, n -> {
                    }));
        }
        default -> {
            // project events are kept by the projects feature
        }
        }
    }

    /** What one event's deliveries share; the reporter's rows are filed under the case's lead (first) project. */
    private record Ctx(String eventId, java.time.Instant time, String type, String trackingId, List<String> projects) {
        Deliveries.About about() {
            return new Deliveries.About(eventId, type, projects.get(0), trackingId);
        }
    }

    private void statusChange(EventEnvelope envelope, String type, String trackingId, List<String> projects,
            String status) {
        Ctx ctx = new Ctx(envelope.id(), envelope.time(), type, trackingId, projects);
        toReporter(ctx, Notice.Kind.STATUS_CHANGED, n -> n.status = status);
        toWebhooks(ctx, Map.of());
    }

    private static boolean isTheReporter(TrackedReport report, CreditGranted credit) {
        return credit.researcherSubject() == null || report.reporterSubject() == null
                || credit.researcherSubject().equals(report.reporterSubject());
    }

    private void toReporter(Ctx ctx, Notice.Kind kind, Consumer<Notice> details) {
        reports.find(ctx.trackingId()).ifPresent(r -> toReporter(ctx, r, kind, details));
    }

    private void toReporter(Ctx ctx, TrackedReport report, Notice.Kind kind, Consumer<Notice> details) {
        Optional<String> contact = reports.contact(report);
        if (contact.isEmpty()) {
            return;
        }
        Notice notice = new Notice(kind, String.join(", ", ctx.projects()), ctx.trackingId(),
                mail.linkBaseUrl() + "/reporter/cases/" + ctx.trackingId());
        notice.severity = report.severity();
        if (includeDetails(report.projectSlug())) {
            notice.title = reports.title(report).orElse(null);
        }
        details.accept(notice);
        deliveries.enqueueEmail(ctx.about(), "reporter", contact.get(), renderer.render(notice));
    }

    private void toMembers(Ctx ctx, Notice.Kind kind, Set<Member.Role> roles, Consumer<Notice> details) {
        Optional<TrackedReport> report = reports.find(ctx.trackingId());
        for (Member member : members.ofProjects(ctx.projects())) {
            if (!roles.contains(member.role()) || member.email().isEmpty()
                    || !preferences.wants(member.subject(), ctx.type(), Channel.EMAIL)) {
                continue;
            }
            Notice notice = new Notice(kind, member.projectSlug(), ctx.trackingId(),
                    mail.linkBaseUrl() + "/cases/" + ctx.trackingId());
            notice.severity = report.map(TrackedReport::severity).orElse(null);
            if (includeDetails(member.projectSlug())) {
                notice.title = report.flatMap(reports::title).orElse(null);
            }
            details.accept(notice);
            // One mail per person and event, even if they maintain several of the case's projects; the log row is
            // filed under the member's own project, so no project's log lists another tenant's recipients.
            var about = new Deliveries.About(ctx.eventId(), ctx.type(), member.projectSlug(), ctx.trackingId());
            deliveries.enqueueEmail(about, "member:" + member.subject(), member.email().get(), renderer.render(notice));
        }
    }

    /** A missed disclosure deadline also goes to the platform admins' addresses (never the report's details). */
    private void toPlatformAdmins(Ctx ctx, SlaBreached e) {
        List<String> addresses = escalation.platformAdminEmails().orElse(List.of());
        for (int i = 0; i < addresses.size(); i++) {
            String address = addresses.get(i).trim();
            if (address.isEmpty() || dev.embargo.notification.mail.MailHeaders.hasControlCharacters(address)) {
                continue;
            }
            Notice notice = new Notice(Notice.Kind.SLA_BREACHED, e.projectSlug(), e.trackingId(),
                    mail.linkBaseUrl() + "/cases/" + e.trackingId());
            notice.milestone = e.milestone().name().toLowerCase(java.util.Locale.ROOT);
            notice.dueAt = e.dueAt().toString();
            deliveries.enqueueEmail(ctx.about(), "platform-admins:" + i, address, renderer.render(notice));
        }
    }

    private boolean includeDetails(String projectSlug) {
        return policies.of(projectSlug).map(ProjectPolicy::includeDetails).orElse(false);
    }

    private void toWebhooks(Ctx ctx, Map<String, String> extra) {
        List<WebhookEndpoint> endpoints = webhooks.subscribedTo(ctx.projects(), ctx.type());
        if (endpoints.isEmpty()) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("eventId", ctx.eventId());
        data.put("trackingId", ctx.trackingId());
        data.put("projects", ctx.projects());
        reports.find(ctx.trackingId()).map(TrackedReport::severity).ifPresent(s -> data.put("severity", s));
        data.put("link", mail.linkBaseUrl() + "/cases/" + ctx.trackingId());
        data.putAll(extra);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", ctx.type());
        payload.put("timestamp", ctx.time().toString());
        payload.put("data", data);
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payload not serialisable", e);
        }
        for (WebhookEndpoint endpoint : endpoints) {
            var about = new Deliveries.About(ctx.eventId(), ctx.type(), endpoint.projectSlug(), ctx.trackingId());
            deliveries.enqueueWebhook(about, endpoint.id(), body);
        }
    }

    /**
     * The agreed disclosure as people read it: date and hour in the zone they were agreed in, with the UTC time
     * (CERTCC/VINCE#140); a bare date from an older producer stays a date.
     */
    static String disclosureText(CaseDisclosureScheduled e) {
        if (e.disclosureAt() == null || e.timeZone() == null) {
            return e.disclosureDate().toString();
        }
        var local = e.disclosureAt().atZone(java.time.ZoneId.of(e.timeZone()));
        var utc = e.disclosureAt().atZone(java.time.ZoneOffset.UTC);
        return local.toLocalDate() + " " + local.toLocalTime().withSecond(0).withNano(0) + " " + e.timeZone() + " ("
                + utc.toLocalDate() + " " + utc.toLocalTime().withSecond(0).withNano(0) + " UTC)";
    }
}
