package dev.embargo.events;

import java.time.Instant;
import java.util.List;

/**
 * Every affected project shipped a fix.
 *
 * @param projectSlugs
 *            every project the case affects
 * @param actor
 *            OIDC subject of who did it, absent when the platform did it
 */
public record CaseFixed(String caseId, String trackingId, List<String> projectSlugs, Instant occurredAt, String actor)
        implements LifecycleEvent {
    @Override
    public String subject() {
        return caseId;
    }
}
