package dev.embargo.events;

import java.time.Instant;
import java.util.List;

/**
 * A message was added to a case's conversation. The text stays in triage; the event says only that it exists.
 *
 * @param visibility
 *            {@code REPORTER} (part of the thread the reporter sees) or {@code INTERNAL}
 * @param authorKind
 *            {@code MAINTAINER} or {@code REPORTER}
 * @param projectSlug
 *            for internal notes, the project whose maintainers may see it
 */
public record CaseMessagePosted(String caseId, String trackingId, List<String> projectSlugs, Instant occurredAt,
        String messageId, String visibility, String authorKind, String projectSlug) implements LifecycleEvent {
    @Override
    public String subject() {
        return caseId;
    }
}
