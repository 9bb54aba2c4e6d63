package dev.embargo.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The coordinated disclosure date of the case was agreed.
 *
 * @param disclosureDate
 *            the agreed day, in the agreed time zone
 * @param headsUpDays
 *            days before the date at which self-hosters and distributors get an embargoed notice
 * @param disclosureAt
 *            the agreed instant (date, hour and time zone resolved); absent from older producers (then the start of
 *            {@code disclosureDate} in UTC)
 * @param timeZone
 *            the IANA time zone the date and hour were agreed in
 */
public record CaseDisclosureScheduled(String caseId, String trackingId, List<String> projectSlugs, Instant occurredAt,
        String actor, LocalDate disclosureDate, Integer headsUpDays, Instant disclosureAt, String timeZone)
        implements LifecycleEvent {

    public CaseDisclosureScheduled(String caseId, String trackingId, List<String> projectSlugs, Instant occurredAt,
            String actor, LocalDate disclosureDate, Integer headsUpDays) {
        this(caseId, trackingId, projectSlugs, occurredAt, actor, disclosureDate, headsUpDays, null, null);
    }

    @Override
    public String subject() {
        return caseId;
    }
}
