package dev.embargo.notification.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.embargo.events.CaseDisclosureScheduled;

/** The disclosure as mails and webhooks say it: the agreed hour in the agreed zone, and in UTC. */
class DisclosureTextTest {

    @Test
    void anAgreedInstantIsShownInItsZoneAndInUtc() {
        var e = new CaseDisclosureScheduled("c", "T-2026-0001", List.of("p"), Instant.now(), "m",
                LocalDate.of(2026, 12, 11), 7, Instant.parse("2026-12-11T19:00:00Z"), "America/New_York");
        assertEquals("2026-12-11 14:00 America/New_York (2026-12-11 19:00 UTC)", NotificationEvents.disclosureText(e));
    }

    @Test
    void aBareDateFromAnOlderProducerStaysADate() {
        var e = new CaseDisclosureScheduled("c", "T-2026-0001", List.of("p"), Instant.now(), "m",
                LocalDate.of(2026, 12, 11), 7);
        assertEquals("2026-12-11", NotificationEvents.disclosureText(e));
    }
}
