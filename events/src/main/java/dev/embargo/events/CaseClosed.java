package dev.embargo.events;

import java.time.Instant;
import java.util.List;

/**
 * The case was closed without publication.
 *
 * @param resolution
 *            {@code DUPLICATE}, {@code OUT_OF_SCOPE}, {@code INFORMATIVE}, {@code NOT_APPLICABLE}, {@code SPAM},
 *            {@code WONT_FIX}, {@code MOVED_PUBLIC} or {@code WITHDRAWN}
 * @param duplicateOfTrackingId
 *            for duplicates, the case it duplicates
 */
public record CaseClosed(String caseId, String trackingId, List<String> projectSlugs, Instant occurredAt, String actor,
        Resolution resolution, String duplicateOfTrackingId) implements LifecycleEvent {

    /** How a case ended without a fix being published. */
    public enum Resolution {
        DUPLICATE, OUT_OF_SCOPE, INFORMATIVE, NOT_APPLICABLE, SPAM, WONT_FIX, MOVED_PUBLIC, WITHDRAWN
    }

    @Override
    public String subject() {
        return caseId;
    }
}
