package dev.embargo.platform.inbox;

import java.util.Set;

import dev.embargo.events.EventEnvelope;
import dev.embargo.events.LifecycleEvent;

/**
 * A service's reaction to lifecycle events. Implementations are CDI beans; the {@link EventConsumer} calls
 * {@link #handle} inside the transaction that also records the event id, so an effect happens once per event however
 * often Kafka delivers it. Throw to refuse an event: it is retried a bounded number of times, then dead-lettered.
 */
public interface EventHandler {

    /** Topics this handler reads. */
    Set<String> topics();

    /** Whether this handler reacts to events of this CloudEvents type. */
    boolean accepts(String eventType);

    void handle(EventEnvelope envelope, LifecycleEvent event);
}
