package dev.embargo.events;

import java.time.Instant;
import java.util.List;

/** Another hosted project was found affected and added to the case. */
public record CaseProjectAdded(String caseId, String trackingId, List<String> projectSlugs, Instant occurredAt,
        String actor, String addedProjectSlug) implements LifecycleEvent {
    @Override
    public String subject() {
        return caseId;
    }
}
