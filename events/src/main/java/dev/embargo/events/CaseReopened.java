package dev.embargo.events;

import java.time.Instant;
import java.util.List;

/**
 * A closed or published case was reopened.
 *
 * @param projectSlugs
 *            every project the case affects
 * @param actor
 *            OIDC subject of who did it, absent when the platform did it
 */
public record CaseReopened(String caseId, String trackingId, List<String> projectSlugs, Instant occurredAt,
        String actor) implements LifecycleEvent {
    @Override
    public String subject() {
        return caseId;
    }
}
