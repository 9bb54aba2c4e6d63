package dev.embargo.notification.projects;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.events.EventEnvelope;
import dev.embargo.events.EventType;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.events.ProjectMembershipChanged;
import dev.embargo.events.ProjectPolicyPublished;
import dev.embargo.events.SecurityPolicy;
import dev.embargo.events.Topics;
import dev.embargo.platform.inbox.EventHandler;

/** Keeps the members and policy read models from intake's project events. */
@ApplicationScoped
class ProjectEvents implements EventHandler {

    private final Members members;
    private final ProjectPolicies policies;

    ProjectEvents(Members members, ProjectPolicies policies) {
        this.members = members;
        this.policies = policies;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.INTAKE_PROJECTS);
    }

    @Override
    public boolean accepts(String eventType) {
        return EventType.PROJECT_MEMBERSHIP_CHANGED.type().equals(eventType)
                || EventType.PROJECT_POLICY_PUBLISHED.type().equals(eventType);
    }

    @Override
    public void handle(EventEnvelope envelope, LifecycleEvent event) {
        if (event instanceof ProjectMembershipChanged changed) {
            members.apply(membership(changed));
        } else if (event instanceof ProjectPolicyPublished published) {
            policies.apply(published.slug(), published.projectId(), published.version(), terms(published.policy()));
        }
    }

    /* The one place the projects feature reads the contract; enum-like values are read by name. */

    private static Members.Change membership(ProjectMembershipChanged e) {
        boolean removed = e.change() == ProjectMembershipChanged.Change.REMOVED;
        return new Members.Change(e.slug(), e.memberSubject(), removed,
                removed ? null : Member.Role.valueOf(e.role().name()), e.email(), e.changedAt());
    }

    private static ProjectPolicy.Terms terms(SecurityPolicy policy) {
        return new ProjectPolicy.Terms(policy.notifications() != null && policy.notifications().includeDetailsInEmail(),
                policy.sla() == null ? null : describe(policy.sla().acknowledge()),
                policy.sla() == null ? null : describe(policy.sla().assess()),
                policy.disclosure() == null ? null : policy.disclosure().headsUpDays());
    }

    private static String describe(SecurityPolicy.Deadline deadline) {
        if (deadline == null) {
            return null;
        }
        String unit = switch (deadline.unit()) {
        case HOURS -> "hours";
        case BUSINESS_HOURS -> "hours (business days)";
        case DAYS -> "days";
        case BUSINESS_DAYS -> "business days";
        case WEEKS -> "weeks";
        };
        return deadline.amount() + " " + unit;
    }
}
