package dev.embargo.notification.projects;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.events.EventEnvelope;
import dev.embargo.events.EventType;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.events.ProjectMembershipChanged;
import dev.embargo.events.ProjectPolicyPublished;
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
            members.apply(changed);
        } else if (event instanceof ProjectPolicyPublished published) {
            policies.apply(published);
        }
    }
}
