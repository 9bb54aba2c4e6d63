package dev.embargo.events;

import java.time.Instant;

/**
 * A milestone's deadline is near: the configured fraction of its time has passed.
 *
 * @param milestone
 *            {@code ACKNOWLEDGE}, {@code ASSESS}, {@code FIX} or {@code DISCLOSE}
 */
public record SlaWarning(String milestoneId, String caseId, String trackingId, String projectSlug,
        SlaMilestone milestone, Instant dueAt, Instant occurredAt) implements LifecycleEvent {
    @Override
    public String subject() {
        return caseId;
    }
}
