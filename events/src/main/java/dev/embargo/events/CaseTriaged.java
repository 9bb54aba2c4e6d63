package dev.embargo.events;

import java.time.Instant;
import java.util.List;

/**
 * The maintainers confirmed the vulnerability and set its severity.
 *
 * @param severity
 *            {@code CRITICAL}, {@code HIGH}, {@code MEDIUM}, {@code LOW} or {@code NONE}
 * @param cvssScore
 *            base score of the vector, absent when severity was set without one
 */
public record CaseTriaged(String caseId, String trackingId, List<String> projectSlugs, Instant occurredAt, String actor,
        Severity severity, Double cvssScore) implements LifecycleEvent {
    @Override
    public String subject() {
        return caseId;
    }
}
