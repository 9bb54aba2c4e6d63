package dev.embargo.rules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one SLA arithmetic of the platform: adds a policy's deadlines to an instant in a project's time zone. Hours are
 * elapsed time, days and weeks are calendar days at the same local time (a DST change does not shift the hour),
 * business days and business hours skip non-working days and holidays.
 */
public final class BusinessCalendar {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private final ZoneId zone;
    private final Set<DayOfWeek> workingDays;
    private final Set<LocalDate> holidays;

    private BusinessCalendar(ZoneId zone, Set<DayOfWeek> workingDays, Set<LocalDate> holidays) {
        this.zone = zone;
        this.workingDays = workingDays;
        this.holidays = holidays;
    }

    /**
     * A project's calendar. Unset values mean what a policy text means when it does not say: no zone is UTC, and no
     * working days (null or none) is Monday to Friday, the only reading of "business days" that names none.
     */
    public static BusinessCalendar of(String timeZone, Collection<DayOfWeek> workingDays,
            Collection<LocalDate> holidays) {
        ZoneId zone = timeZone == null || timeZone.isBlank() ? UTC : ZoneId.of(timeZone);
        Set<DayOfWeek> days = workingDays == null || workingDays.isEmpty()
                ? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY) : EnumSet.copyOf(workingDays);
        return new BusinessCalendar(zone, days, holidays == null ? Set.of() : Set.copyOf(holidays));
    }

    /** When a deadline counted from {@code start} falls. */
    public Instant add(Instant start, Deadline deadline) {
        return switch (deadline.unit()) {
        case HOURS -> start.plus(Duration.ofHours(deadline.amount()));
        case BUSINESS_HOURS -> addBusinessHours(start.atZone(zone), deadline.amount());
        case DAYS -> start.atZone(zone).plusDays(deadline.amount()).toInstant();
        case WEEKS -> start.atZone(zone).plusWeeks(deadline.amount()).toInstant();
        case BUSINESS_DAYS -> addBusinessDays(start.atZone(zone), deadline.amount());
        };
    }

    public boolean isWorkingDay(LocalDate day) {
        return workingDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    public ZoneId zone() {
        return zone;
    }

    /** Elapsed hours counted on working days only ("within 48 hours (business days)"). */
    private Instant addBusinessHours(ZonedDateTime start, int hours) {
        ZonedDateTime t = start;
        Duration left = Duration.ofHours(hours);
        while (true) {
            ZonedDateTime midnight = t.toLocalDate().plusDays(1).atStartOfDay(zone);
            if (isWorkingDay(t.toLocalDate())) {
                Duration available = Duration.between(t, midnight);
                if (left.compareTo(available) <= 0) {
                    return t.toInstant().plus(left);
                }
                left = left.minus(available);
            }
            t = midnight;
        }
    }

    private Instant addBusinessDays(ZonedDateTime start, int days) {
        LocalDate day = start.toLocalDate();
        int left = days;
        while (left > 0) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        // The start's local time on the target day, not a time shifted by a DST gap on some day in between.
        return ZonedDateTime.of(LocalDateTime.of(day, start.toLocalTime()), zone).toInstant();
    }
}
