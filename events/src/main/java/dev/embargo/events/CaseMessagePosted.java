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
        String messageId, Visibility visibility, AuthorKind authorKind, String projectSlug) implements LifecycleEvent {

    /** Who may read the message: the reporter and the maintainers, or the maintainers only. */
    public enum Visibility {
        REPORTER, INTERNAL
    }

    /** Who wrote the message. */
    public enum AuthorKind {
        MAINTAINER, REPORTER
    }

    @Override
    public String subject() {
        return caseId;
    }
}
