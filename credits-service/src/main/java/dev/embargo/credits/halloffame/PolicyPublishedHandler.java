package dev.embargo.credits.halloffame;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.events.EventEnvelope;
import dev.embargo.events.EventType;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.events.ProjectPolicyPublished;
import dev.embargo.events.SecurityPolicy;
import dev.embargo.events.Topics;
import dev.embargo.platform.inbox.EventHandler;

/** Carries a project's earlier acknowledgements (its policy's {@code priorCredits}) into its hall of fame. */
@ApplicationScoped
class PolicyPublishedHandler implements EventHandler {

    private final PriorCredits prior;

    PolicyPublishedHandler(PriorCredits prior) {
        this.prior = prior;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.INTAKE_PROJECTS);
    }

    @Override
    public boolean accepts(String eventType) {
        return EventType.PROJECT_POLICY_PUBLISHED.type().equals(eventType);
    }

    @Override
    public void handle(EventEnvelope envelope, LifecycleEvent event) {
        if (event instanceof ProjectPolicyPublished published) {
            prior.policyPublished(listed(published));
        }
    }

    /** The one place this feature reads the policy contract. */
    private static PriorCredits.Listed listed(ProjectPolicyPublished event) {
        List<SecurityPolicy.PriorCredit> listed = event.policy() == null || event.policy().priorCredits() == null
                ? List.of() : event.policy().priorCredits();
        return new PriorCredits.Listed(event.slug(), event.version(),
                listed.stream().map(c -> new HallOfFame.Earlier(c.name(), c.summary(), c.when())).toList());
    }
}
