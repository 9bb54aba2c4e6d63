package dev.embargo.notification.routing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.notification.delivery.Channel;
import dev.embargo.notification.delivery.Deliveries;
import dev.embargo.notification.mail.MailConfig;
import dev.embargo.notification.mail.MailHeaders;
import dev.embargo.notification.mail.MailRenderer;
import dev.embargo.notification.mail.Notice;
import dev.embargo.notification.mail.Regarding;
import dev.embargo.notification.preferences.Preferences;
import dev.embargo.notification.projects.Member;
import dev.embargo.notification.projects.Members;
import dev.embargo.notification.projects.ProjectPolicies;
import dev.embargo.notification.projects.ProjectPolicy;
import dev.embargo.notification.reports.TrackedReport;
import dev.embargo.notification.reports.TrackedReports;
import dev.embargo.notification.routing.CaseTerms.AuthorKind;
import dev.embargo.notification.routing.CaseTerms.Milestone;
import dev.embargo.notification.routing.CaseTerms.Visibility;
import dev.embargo.notification.routing.WebhookPayload.Extra;
import dev.embargo.notification.webhooks.WebhookEndpoint;
import dev.embargo.notification.webhooks.WebhookEndpoints;

/**
 * Decides who hears about what over which channel and queues one delivery-log row per recipient and channel, in the
 * consumer's transaction. Sends nothing itself, and knows nothing of the contract: {@link NotificationEvents} calls it
 * with our own terms.
 */
@ApplicationScoped
class Notifications {

    private static final Set<Member.Role> EVERY_MEMBER = Set.of(Member.Role.values());

    private final TrackedReports reports;
    private final Members members;
    private final ProjectPolicies policies;
    private final Preferences preferences;
    private final Deliveries deliveries;
    private final WebhookEndpoints webhooks;
    private final MailRenderer renderer;
    private final MailConfig mail;
    private final EscalationConfig escalation;
    private final ObjectMapper json;

    Notifications(TrackedReports reports, Members members, ProjectPolicies policies, Preferences preferences,
            Deliveries deliveries, WebhookEndpoints webhooks, MailRenderer renderer, MailConfig mail,
            EscalationConfig escalation, ObjectMapper json) {
        this.reports = reports;
        this.members = members;
        this.policies = policies;
        this.preferences = preferences;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.renderer = renderer;
        this.mail = mail;
        this.escalation = escalation;
        this.json = json;
    }

    /** A report arrived: the reporter gets a receipt with the project's promises, the members the news. */
    void reportSubmitted(News news, TrackedReport report) {
        Optional<ProjectPolicy> policy = policies.of(news.leadProject());
        String acknowledge = policy.flatMap(ProjectPolicy::acknowledgeSla).orElse(null);
        String assess = policy.flatMap(ProjectPolicy::assessSla).orElse(null);
        toReporter(news, report, about -> new Notice.ReportReceived(about, acknowledge, assess));
        toMembers(news, EVERY_MEMBER, Notice.NewReport::new);
        toWebhooks(news, Extra.NONE);
    }

    /** The case moved; the reporter reads the new status in words. */
    void statusChanged(News news, String status) {
        toReporter(news, about -> new Notice.StatusChanged(about, status));
        toWebhooks(news, Extra.NONE);
    }

    /** Only the thread shared with the reporter notifies; internal notes stay internal. */
    void messagePosted(News news, Visibility visibility, AuthorKind author) {
        if (visibility != Visibility.REPORTER) {
            return;
        }
        if (author == AuthorKind.MAINTAINER) {
            toReporter(news, Notice.MaintainerReplied::new);
        } else if (author == AuthorKind.REPORTER) {
            toMembers(news, EVERY_MEMBER, Notice.ReporterMessage::new);
        }
        toWebhooks(news, Extra.author(author));
    }

    /** A project joined the case: its members hear of it as of a new report. */
    void projectAdded(News news) {
        toMembers(news, EVERY_MEMBER, Notice.NewReport::new);
        toWebhooks(news, Extra.NONE);
    }

    void fixed(News news) {
        toReporter(news, Notice.FixShipped::new);
        toWebhooks(news, Extra.NONE);
    }

    void disclosureScheduled(News news, String disclosure) {
        toReporter(news, about -> new Notice.DisclosureDate(about, disclosure));
        toMembers(news, EVERY_MEMBER, about -> new Notice.DisclosureScheduled(about, disclosure));
        toWebhooks(news, Extra.disclosure(disclosure));
    }

    void published(News news) {
        toReporter(news, Notice.Published::new);
        toWebhooks(news, Extra.NONE);
    }

    /** Every project and the reporter hear that the lead's owner published ahead of the guard. */
    void publicationOverridden(News news, Instant publishAt) {
        String at = publishAt == null ? null : publishAt.toString();
        toReporter(news, about -> new Notice.PublicationOverridden(about, at));
        toMembers(news, EVERY_MEMBER, about -> new Notice.PublicationOverridden(about, at));
        toWebhooks(news, Extra.publishAt(at));
    }

    /** Warnings go to the maintainers doing the work; owners hear only of breaches (or if nobody else would). */
    void slaWarning(News news, Milestone milestone, Instant dueAt) {
        boolean hasMaintainers = members.ofProjects(news.projects()).stream()
                .anyMatch(m -> m.role() == Member.Role.MAINTAINER);
        toMembers(news, hasMaintainers ? Set.of(Member.Role.MAINTAINER) : Set.of(Member.Role.OWNER),
                about -> new Notice.SlaWarning(about, milestone.shown(), dueAt.toString()));
        toWebhooks(news, Extra.deadline(milestone, dueAt.toString()));
    }

    /** A missed disclosure deadline also goes to the platform admins. */
    void slaBreached(News news, Milestone milestone, Instant dueAt) {
        toMembers(news, EVERY_MEMBER, about -> new Notice.SlaBreached(about, milestone.shown(), dueAt.toString()));
        if (milestone == Milestone.DISCLOSE) {
            toPlatformAdmins(news, milestone, dueAt);
        }
        toWebhooks(news, Extra.deadline(milestone, dueAt.toString()));
    }

    /**
     * Separation of duties: the owners hear of every membership change a platform admin makes, except an owner added by
     * it, who hears of it otherwise.
     */
    void membershipChangedByAdmin(News news, String change, String memberSubject, boolean added) {
        String slug = news.leadProject();
        for (Member owner : members.ofProjects(news.projects())) {
            if (owner.role() != Member.Role.OWNER || owner.email().isEmpty()
                    || owner.subject().equals(memberSubject) && added) {
                continue;
            }
            var notice = new Notice.AdminMembershipChange(
                    Regarding.of(slug, null, mail.linkBaseUrl() + "/projects/" + slug + "/audit"), change);
            deliveries.enqueueEmail(news.about(), "member:" + owner.subject(), owner.email().get(),
                    renderer.render(notice));
        }
    }

    /** Only the credited reporter hears of a credit (or the reporter, when either side has no account). */
    void credited(News news, String researcherSubject) {
        reports.find(news.trackingId())
                .filter(r -> researcherSubject == null || r.reporterSubject() == null
                        || researcherSubject.equals(r.reporterSubject()))
                .ifPresent(r -> toReporter(news, r, Notice.Credited::new));
    }

    private void toReporter(News news, Function<Regarding, Notice> notice) {
        reports.find(news.trackingId()).ifPresent(r -> toReporter(news, r, notice));
    }

    private void toReporter(News news, TrackedReport report, Function<Regarding, Notice> notice) {
        Optional<String> contact = reports.contact(report);
        if (contact.isEmpty()) {
            return;
        }
        Regarding about = Regarding.of(String.join(", ", news.projects()), news.trackingId(),
                mail.linkBaseUrl() + "/reporter/cases/" + news.trackingId()).withSeverity(report.severity());
        if (includeDetails(report.projectSlug())) {
            about = about.withTitle(reports.title(report).orElse(null));
        }
        deliveries.enqueueEmail(news.about(), "reporter", contact.get(), renderer.render(notice.apply(about)));
    }

    private void toMembers(News news, Set<Member.Role> roles, Function<Regarding, Notice> notice) {
        Optional<TrackedReport> report = reports.find(news.trackingId());
        for (Member member : members.ofProjects(news.projects())) {
            if (!roles.contains(member.role()) || member.email().isEmpty()
                    || !preferences.wants(member.subject(), news.type(), Channel.EMAIL)) {
                continue;
            }
            Regarding about = Regarding
                    .of(member.projectSlug(), news.trackingId(), mail.linkBaseUrl() + "/cases/" + news.trackingId())
                    .withSeverity(report.map(TrackedReport::severity).orElse(null));
            if (includeDetails(member.projectSlug())) {
                about = about.withTitle(report.flatMap(reports::title).orElse(null));
            }
            // One mail per person and event, even if they maintain several of the case's projects; the log row is
            // filed under the member's own project, so no project's log lists another tenant's recipients.
            deliveries.enqueueEmail(news.about(member.projectSlug()), "member:" + member.subject(),
                    member.email().get(), renderer.render(notice.apply(about)));
        }
    }

    /** The platform admins' addresses get the deadline, never the report's details. */
    private void toPlatformAdmins(News news, Milestone milestone, Instant dueAt) {
        List<String> addresses = escalation.platformAdminEmails().orElse(List.of());
        for (int i = 0; i < addresses.size(); i++) {
            String address = addresses.get(i).trim();
            if (address.isEmpty() || MailHeaders.hasControlCharacters(address)) {
                continue;
            }
            var notice = new Notice.SlaBreached(Regarding.of(news.leadProject(), news.trackingId(),
                    mail.linkBaseUrl() + "/cases/" + news.trackingId()), milestone.shown(), dueAt.toString());
            deliveries.enqueueEmail(news.about(), "platform-admins:" + i, address, renderer.render(notice));
        }
    }

    private boolean includeDetails(String projectSlug) {
        return policies.of(projectSlug).map(ProjectPolicy::includeDetails).orElse(false);
    }

    private void toWebhooks(News news, Extra extra) {
        List<WebhookEndpoint> endpoints = webhooks.subscribedTo(news.projects(), news.type());
        if (endpoints.isEmpty()) {
            return;
        }
        String severity = reports.find(news.trackingId()).map(TrackedReport::severity).orElse(null);
        String body;
        try {
            body = json.writeValueAsString(
                    WebhookPayload.of(news, severity, mail.linkBaseUrl() + "/cases/" + news.trackingId(), extra));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payload not serialisable", e);
        }
        for (WebhookEndpoint endpoint : endpoints) {
            deliveries.enqueueWebhook(news.about(endpoint.projectSlug()), endpoint.id(), body);
        }
    }
}
