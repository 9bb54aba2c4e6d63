package dev.embargo.intake.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

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
}
