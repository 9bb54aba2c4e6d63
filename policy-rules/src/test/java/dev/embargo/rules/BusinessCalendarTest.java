package dev.embargo.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.embargo.rules.Deadline.Unit;

class BusinessCalendarTest {

    @Test
    void workingDaysUnsetOrEmptyMeanMondayToFriday() {
        // A policy that says "business days" without naming them: the text means Monday to Friday, whether the
        // policy document leaves workingDays out or lists none.
        Instant fri = at("2026-03-06T15:00", "UTC");
        Instant monday = at("2026-03-09T15:00", "UTC");
        assertEquals(monday, BusinessCalendar.of("UTC", null, null).add(fri, new Deadline(1, Unit.BUSINESS_DAYS)));
        assertEquals(monday,
                BusinessCalendar.of("UTC", List.of(), List.of()).add(fri, new Deadline(1, Unit.BUSINESS_DAYS)));
        assertEquals(monday,
                BusinessCalendar.of("UTC", MON_FRI, List.of()).add(fri, new Deadline(1, Unit.BUSINESS_DAYS)));
    }

    @Test
    void businessDaysAcrossADstGapKeepTheStartsLocalTimeOnTheTargetDay() {
        // 02:30 does not exist on Sunday 2026-03-29 in Berlin; a working Sunday in between must not shift the hour of
        // the day the deadline lands on.
        var everyDay = BusinessCalendar.of("Europe/Berlin", List.of(DayOfWeek.values()), List.of());
        assertEquals(at("2026-03-30T02:30", "Europe/Berlin"),
                everyDay.add(at("2026-03-28T02:30", "Europe/Berlin"), new Deadline(2, Unit.BUSINESS_DAYS)));
    }

    private static final List<DayOfWeek> MON_FRI = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    private static Instant at(String local, String zone) {
        return ZonedDateTime.of(LocalDateTime.parse(local), ZoneId.of(zone)).toInstant();
    }

    @Test
    void hoursAreElapsedTimeWhateverTheCalendar() {
        var cal = BusinessCalendar.of("Europe/Berlin", MON_FRI, List.of());
        Instant fri = at("2026-03-06T18:00", "Europe/Berlin");
        assertEquals(fri.plusSeconds(72 * 3600), cal.add(fri, new Deadline(72, Unit.HOURS)));
    }

    @Test
    void businessDaysSkipTheWeekend() {
        var cal = BusinessCalendar.of("Europe/Berlin", MON_FRI, List.of());
        Instant fri = at("2026-03-06T15:00", "Europe/Berlin");
        assertEquals(at("2026-03-09T15:00", "Europe/Berlin"), cal.add(fri, new Deadline(1, Unit.BUSINESS_DAYS)));
        assertEquals(at("2026-03-11T15:00", "Europe/Berlin"), cal.add(fri, new Deadline(3, Unit.BUSINESS_DAYS)));
    }

    @Test
    void aReportOnSaturdayCountsFromMonday() {
        var cal = BusinessCalendar.of("UTC", MON_FRI, List.of());
        Instant sat = at("2026-03-07T10:00", "UTC");
        assertEquals(at("2026-03-09T10:00", "UTC"), cal.add(sat, new Deadline(1, Unit.BUSINESS_DAYS)));
    }

    @Test
    void businessDaysSkipHolidays() {
        var cal = BusinessCalendar.of("Europe/Berlin", MON_FRI,
                List.of(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6)));
        // Thursday before Easter: Good Friday and Easter Monday are holidays.
        Instant thu = at("2026-04-02T09:00", "Europe/Berlin");
        assertEquals(at("2026-04-07T09:00", "Europe/Berlin"), cal.add(thu, new Deadline(1, Unit.BUSINESS_DAYS)));
    }

    @Test
    void customWorkingWeekIsHonoured() {
        var sunThu = List.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY);
        var cal = BusinessCalendar.of("Asia/Jerusalem", sunThu, List.of());
        Instant thu = at("2026-03-05T12:00", "Asia/Jerusalem");
        assertEquals(at("2026-03-08T12:00", "Asia/Jerusalem"), cal.add(thu, new Deadline(1, Unit.BUSINESS_DAYS)));
    }

    @Test
    void theWorkingDayDependsOnTheProjectsTimeZone() {
        // Friday 23:30 UTC is already Saturday in Tokyo: one business day lands on Monday there, Tokyo time.
        Instant fri = at("2026-03-06T23:30", "UTC");
        var tokyo = BusinessCalendar.of("Asia/Tokyo", MON_FRI, List.of());
        assertEquals(at("2026-03-09T08:30", "Asia/Tokyo"), tokyo.add(fri, new Deadline(1, Unit.BUSINESS_DAYS)));
        var utc = BusinessCalendar.of("UTC", MON_FRI, List.of());
        assertEquals(at("2026-03-09T23:30", "UTC"), utc.add(fri, new Deadline(1, Unit.BUSINESS_DAYS)));
    }

    @Test
    void daysKeepTheLocalTimeAcrossTheDstChange() {
        var cal = BusinessCalendar.of("Europe/Berlin", MON_FRI, List.of());
        // Clocks go forward on 2026-03-29 in Berlin: one calendar day is 23 hours long.
        Instant sat = at("2026-03-28T10:00", "Europe/Berlin");
        Instant due = cal.add(sat, new Deadline(1, Unit.DAYS));
        assertEquals(at("2026-03-29T10:00", "Europe/Berlin"), due);
        assertEquals(23 * 3600, Duration.between(sat, due).toSeconds());
        // And business days across it keep 10:00 local.
        Instant fri = at("2026-03-27T10:00", "Europe/Berlin");
        assertEquals(at("2026-03-30T10:00", "Europe/Berlin"), cal.add(fri, new Deadline(1, Unit.BUSINESS_DAYS)));
    }

    @Test
    void aLocalTimeInTheDstGapMovesForward() {
        var cal = BusinessCalendar.of("Europe/Berlin", MON_FRI, List.of());
        // 02:30 does not exist on 2026-03-29 in Berlin.
        Instant sat = at("2026-03-28T02:30", "Europe/Berlin");
        assertEquals(at("2026-03-29T03:30", "Europe/Berlin"), cal.add(sat, new Deadline(1, Unit.DAYS)));
    }

    @Test
    void businessHoursCountOnlyTheHoursOfWorkingDays() {
        // FIM: "Within 48 hours (business days)"; no working days named → Monday to Friday, no zone → UTC.
        var cal = BusinessCalendar.of(null, null, null);
        Deadline fortyEight = new Deadline(48, Unit.BUSINESS_HOURS);
        // Friday 18:00: 6 hours on Friday, the weekend does not count, 24 on Monday, 18 on Tuesday.
        assertEquals(Instant.parse("2026-06-09T18:00:00Z"), cal.add(Instant.parse("2026-06-05T18:00:00Z"), fortyEight));
        // Saturday: the clock starts on Monday at midnight.
        assertEquals(Instant.parse("2026-06-10T00:00:00Z"), cal.add(Instant.parse("2026-06-06T12:00:00Z"), fortyEight));
        assertEquals(Instant.parse("2026-06-11T09:00:00Z"), cal.add(Instant.parse("2026-06-09T09:00:00Z"), fortyEight));
    }

    @Test
    void weeksAreCalendarWeeksAtTheSameLocalTime() {
        var cal = BusinessCalendar.of("Europe/Berlin", MON_FRI, List.of());
        // "high: 2 weeks", across the change to summer time on 29 March 2026.
        assertEquals(at("2026-04-03T10:00", "Europe/Berlin"),
                cal.add(at("2026-03-20T10:00", "Europe/Berlin"), new Deadline(2, Unit.WEEKS)));
    }
}
