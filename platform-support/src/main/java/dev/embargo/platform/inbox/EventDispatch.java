package dev.embargo.platform.inbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.apache.kafka.common.header.Headers;

import dev.embargo.events.EventEnvelope;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.platform.tracing.EventTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Applies decoded events, in their order, to their handlers in one new transaction together with their inbox rows: all
 * of them take effect, or none does.
 */
@ApplicationScoped
class EventDispatch {

    /** One decoded event, the handlers it goes to, and the Kafka headers that carry its trace context. */
    record Delivery(EventEnvelope envelope, LifecycleEvent event, List<EventHandler> handlers, Headers headers) {
    }

    private final Inbox inbox;
    private final EventTracing tracing;

    EventDispatch(Inbox inbox, EventTracing tracing) {
        this.inbox = inbox;
        this.tracing = tracing;
    }

    /**
     * @return how many of the deliveries took effect; the others had been processed before (or came twice in this list)
     *         and nothing was done for them
     */
    @ActivateRequestContext
    int apply(List<Delivery> deliveries) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<String> fresh = new HashSet<>(inbox.firstDeliveries(deliveries));
            int applied = 0;
            for (Delivery d : deliveries) {
                // remove: an id twice in one batch has its effect once, like an id seen in an earlier batch.
                if (fresh.remove(d.envelope().id())) {
                    handle(d);
                    applied++;
                }
            }
            return applied;
        });
    }

    private void handle(Delivery d) {
        Span span = tracing.startConsumerSpan(d.envelope().type(), d.headers());
        try (Scope ignored = span.makeCurrent()) {
            for (EventHandler handler : d.handlers()) {
                handler.handle(d.envelope(), d.event());
            }
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}
