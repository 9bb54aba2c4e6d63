package dev.embargo.triage.projects;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.events.EventEnvelope;
import dev.embargo.events.EventType;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.events.ProjectMembershipChanged;
import dev.embargo.events.ProjectPolicyPublished;
import dev.embargo.events.ProjectRegistered;
import dev.embargo.events.Topics;
import dev.embargo.platform.inbox.EventHandler;

/** Keeps the registry read model current from intake's project events. */
@ApplicationScoped
class ProjectEvents implements EventHandler {

    private static final Set<String> TYPES = Set.of(EventType.PROJECT_REGISTERED.type(),
            EventType.PROJECT_POLICY_PUBLISHED.type(), EventType.PROJECT_MEMBERSHIP_CHANGED.type());

    private final Projects projects;

    ProjectEvents(Projects projects) {
        this.projects = projects;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.INTAKE_PROJECTS);
    }

    @Override
    public boolean accepts(String eventType) {
        return TYPES.contains(eventType);
    }

    @Override
    public void handle(EventEnvelope envelope, LifecycleEvent event) {
        switch (event) {
        case ProjectRegistered r -> projects.registered(r.projectId(), r.slug(), r.name());
        case ProjectPolicyPublished p -> projects.policyPublished(p.projectId(), p.slug(), p.version(), p.policy());
        case ProjectMembershipChanged m -> projects.membershipChanged(m.projectId(), m.slug(), m.memberSubject(),
                m.role().name(), m.change() == ProjectMembershipChanged.Change.REMOVED);
        default -> {
            // not ours
        }
        }
    }
}
