package dev.embargo.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The coordinated disclosure date of the case was agreed.
 *
 * @param headsUpDays
 *            days before the date at which self-hosters and distributors get an embargoed notice
 */
public record CaseDisclosureScheduled(String caseId, String trackingId, List<String> projectSlugs, Instant occurredAt,
        String actor, LocalDate disclosureDate, Integer headsUpDays) implements LifecycleEvent {
    @Override
    public String subject() {
        return caseId;
    }
}
