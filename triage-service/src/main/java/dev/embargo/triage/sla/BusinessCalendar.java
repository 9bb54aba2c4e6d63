package dev.embargo.triage.sla;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.embargo.events.SecurityPolicy.Deadline;

/**
 * Adds policy deadlines to an instant in a project's time zone: hours are elapsed time, days are calendar days at the
 * same local time (so a DST change does not shift the hour), business days skip non-working days and holidays.
 */
public final class BusinessCalendar {

    private final ZoneId zone;
    private final Set<DayOfWeek> workingDays;
    private final Set<LocalDate> holidays;

    public BusinessCalendar(ZoneId zone, Set<DayOfWeek> workingDays, Set<LocalDate> holidays) {
        this.zone = zone;
        this.workingDays = workingDays.isEmpty() ? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)
                : EnumSet.copyOf(workingDays);
        this.holidays = Set.copyOf(holidays);
    }

    public static BusinessCalendar of(String timeZone, List<DayOfWeek> workingDays, List<LocalDate> holidays) {
        ZoneId zone = timeZone == null || timeZone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timeZone);
        return new BusinessCalendar(zone, workingDays == null ? Set.of() : Set.copyOf(workingDays),
                holidays == null ? Set.of() : Set.copyOf(holidays));
    }

    public Instant add(Instant start, Deadline deadline) {
        return switch (deadline.unit()) {
        case HOURS -> start.plusSeconds(3600L * deadline.amount());
        case BUSINESS_HOURS -> addBusinessHours(start.atZone(zone), deadline.amount());
        case DAYS -> start.atZone(zone).plusDays(deadline.amount()).toInstant();
        case WEEKS -> start.atZone(zone).plusWeeks(deadline.amount()).toInstant();
        case BUSINESS_DAYS -> addBusinessDays(start.atZone(zone), deadline.amount()).toInstant();
        };
    }

    public boolean isWorkingDay(LocalDate day) {
        return workingDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** Elapsed hours counted on working days only ("within 48 hours (business days)"). */
    private Instant addBusinessHours(ZonedDateTime start, int hours) {
        ZonedDateTime t = start;
        java.time.Duration left = java.time.Duration.ofHours(hours);
        while (true) {
            ZonedDateTime midnight = t.toLocalDate().plusDays(1).atStartOfDay(zone);
            if (isWorkingDay(t.toLocalDate())) {
                java.time.Duration available = java.time.Duration.between(t, midnight);
                if (left.compareTo(available) <= 0) {
                    return t.toInstant().plus(left);
                }
                left = left.minus(available);
            }
            t = midnight;
        }
    }

    private ZonedDateTime addBusinessDays(ZonedDateTime start, int days) {
        LocalDate day = start.toLocalDate();
        int left = days;
        while (left > 0) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        // Same local time on the target day; ZonedDateTime.of moves a time that falls into a DST gap forward.
        return ZonedDateTime.of(day, start.toLocalTime(), zone);
    }
}
