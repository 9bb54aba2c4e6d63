package dev.embargo.events;

import java.time.Instant;

/**
 * A milestone's deadline passed before it was met. Emitted once per milestone.
 *
 * @param milestone
 *            {@code ACKNOWLEDGE}, {@code ASSESS}, {@code FIX} or {@code DISCLOSE}
 */
public record SlaBreached(String milestoneId, String caseId, String trackingId, String projectSlug,
        SlaMilestone milestone, Instant dueAt, Instant occurredAt) implements LifecycleEvent {
    @Override
    public String subject() {
        return caseId;
    }
}
