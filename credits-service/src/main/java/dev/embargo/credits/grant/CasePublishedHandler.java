package dev.embargo.credits.grant;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.events.CasePublished;
import dev.embargo.events.EventEnvelope;
import dev.embargo.events.EventType;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.events.Topics;
import dev.embargo.platform.inbox.EventHandler;
import dev.embargo.platform.inbox.RejectedEventException;

/**
 * The only way in: credits exist for published cases only, so every other case event is ignored and nothing of an
 * unpublished case is ever stored here.
 */
@ApplicationScoped
class CasePublishedHandler implements EventHandler {

    private final CreditGranting granting;

    CasePublishedHandler(CreditGranting granting) {
        this.granting = granting;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.TRIAGE_CASES);
    }

    @Override
    public boolean accepts(String eventType) {
        return EventType.CASE_PUBLISHED.type().equals(eventType);
    }

    @Override
    public void handle(EventEnvelope envelope, LifecycleEvent event) {
        if (!(event instanceof CasePublished published)) {
            throw new RejectedEventException("not a case.published event");
        }
        granting.grant(CreditEvents.published(published));
    }
}
