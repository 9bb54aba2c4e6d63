package dev.embargo.events;

import java.time.Instant;
import java.util.List;

/**
 * An owner of the lead project overrode the publication guard: the case is published although not every affected
 * project is fixed or the agreed date has not come. Announced to every project and the reporter; the owner's reason
 * stays in the case history (it may describe the vulnerability, so it never travels).
 *
 * @param publishAt
 *            when the advisory goes out: at once, or when the heads-up subscribers have had their full notice
 */
public record CasePublicationOverridden(String caseId, String trackingId, List<String> projectSlugs, Instant occurredAt,
        String actor, Instant publishAt) implements LifecycleEvent {
    @Override
    public String subject() {
        return caseId;
    }
}
