package dev.embargo.intake.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.embargo.events.SecurityPolicy.Deadline;
import dev.embargo.events.SecurityPolicy.Sla;
import dev.embargo.events.SecurityPolicy.Unit;

class SlaClockTest {

    static final List<DayOfWeek> WEEKDAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    @Test
    void businessDaysSkipWeekendsAndHolidaysInTheProjectTimeZone() {
        var sla = new Sla("Europe/Berlin", WEEKDAYS, List.of(LocalDate.of(2026, 6, 8)),
                new Deadline(3, Unit.BUSINESS_DAYS), null, null, null, null);
        // Friday 2026-06-05 10:00 Berlin; Mon 8th is a holiday → Tue 9, Wed 10, Thu 11.
        Instant friday = Instant.parse("2026-06-05T08:00:00Z");
        assertEquals(Instant.parse("2026-06-11T08:00:00Z"), SlaClock.due(friday, sla.acknowledge(), sla));
    }

    @Test
    void hoursAndDaysAreCalendarTime() {
        var sla = new Sla("UTC", WEEKDAYS, List.of(), new Deadline(72, Unit.HOURS), null, null, null, null);
        Instant at = Instant.parse("2026-06-05T08:00:00Z");
        assertEquals(Instant.parse("2026-06-08T08:00:00Z"), SlaClock.due(at, sla.acknowledge(), sla));
        assertEquals(Instant.parse("2026-06-12T08:00:00Z"), SlaClock.due(at, new Deadline(7, Unit.DAYS), sla));
    }

    @Test
    void businessHoursCountOnlyTheHoursOfWorkingDays() {
        // FIM: "Within 48 hours (business days)". Submitted Friday 18:00 UTC: 6 hours on Friday, none at the weekend,
        // 24 on Monday, the remaining 18 on Tuesday.
        var sla = new Sla(null, null, null, new Deadline(48, Unit.BUSINESS_HOURS), null, null, null, null);
        Instant friday = Instant.parse("2026-06-05T18:00:00Z");
        assertEquals(Instant.parse("2026-06-09T18:00:00Z"), SlaClock.due(friday, sla.acknowledge(), sla));
        // Submitted on Saturday: the clock starts on Monday at midnight.
        assertEquals(Instant.parse("2026-06-10T00:00:00Z"),
                SlaClock.due(Instant.parse("2026-06-06T12:00:00Z"), sla.acknowledge(), sla));
        // Tuesday 09:00 to Thursday 09:00 when no weekend is in the way.
        assertEquals(Instant.parse("2026-06-11T09:00:00Z"),
                SlaClock.due(Instant.parse("2026-06-09T09:00:00Z"), sla.acknowledge(), sla));
    }

    @Test
    void weeksAreCalendarWeeks() {
        var sla = new Sla(null, null, null, null, null, null, null, null);
        assertEquals(Instant.parse("2026-06-19T08:00:00Z"),
                SlaClock.due(Instant.parse("2026-06-05T08:00:00Z"), new Deadline(2, Unit.WEEKS), sla));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({ "fim, 2026-06-09T18:00:00Z", "openpanel, 2026-06-10T18:00:00Z", "pod, 2026-06-08T18:00:00Z" })
    void theShippedPoliciesPromiseTheAcknowledgementTriagesClockRunsTo(String slug, String promised) {
        // A Friday evening: none of the policies names its working days, so the weekend does not count. Triage's
        // ShippedPolicyClocksTest expects the same instants of its ACKNOWLEDGE clock.
        Sla sla = SubmissionGateTest.DOCUMENTS.example(slug).sla();
        assertEquals(Instant.parse(promised),
                SlaClock.due(Instant.parse("2026-06-05T18:00:00Z"), sla.acknowledge(), sla));
    }
}
