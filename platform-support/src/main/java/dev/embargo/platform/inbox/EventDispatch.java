package dev.embargo.platform.inbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import dev.embargo.events.EventEnvelope;
import dev.embargo.events.LifecycleEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Applies one event to its handlers in one new transaction, together with its inbox row. */
@ApplicationScoped
class EventDispatch {

    private final Inbox inbox;

    EventDispatch(Inbox inbox) {
        this.inbox = inbox;
    }

    /** @return false if the event had been processed before and nothing was done */
    @ActivateRequestContext
    boolean apply(EventEnvelope envelope, LifecycleEvent event, List<EventHandler> handlers) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!inbox.firstDelivery(envelope.id(), envelope.type())) {
                return false;
            }
            for (EventHandler handler : handlers) {
                handler.handle(envelope, event);
            }
            return true;
        });
    }
}
