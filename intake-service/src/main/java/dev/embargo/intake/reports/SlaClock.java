package dev.embargo.intake.reports;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import dev.embargo.events.SecurityPolicy.Deadline;
import dev.embargo.events.SecurityPolicy.Sla;

/** When a deadline of the policy falls, in the project's time zone, working days and holidays. */
final class SlaClock {

    private SlaClock() {
    }

    static Instant due(Instant from, Deadline deadline, Sla sla) {
        return switch (deadline.unit()) {
        case HOURS -> from.plusSeconds(3600L * deadline.amount());
        case BUSINESS_HOURS -> {
            // Elapsed hours counted on working days only: "within 48 hours (business days)".
            ZonedDateTime t = from.atZone(zone(sla));
            Duration left = Duration.ofHours(deadline.amount());
            while (true) {
                ZonedDateTime midnight = t.toLocalDate().plusDays(1).atStartOfDay(t.getZone());
                if (isWorkingDay(t.toLocalDate(), sla)) {
                    Duration available = Duration.between(t, midnight);
                    if (left.compareTo(available) <= 0) {
                        yield t.toInstant().plus(left);
                    }
                    left = left.minus(available);
                }
                t = midnight;
            }
        }
        case DAYS -> from.atZone(zone(sla)).plusDays(deadline.amount()).toInstant();
        case WEEKS -> from.atZone(zone(sla)).plusWeeks(deadline.amount()).toInstant();
        case BUSINESS_DAYS -> {
            ZonedDateTime t = from.atZone(zone(sla));
            int left = deadline.amount();
            while (left > 0) {
                t = t.plusDays(1);
                if (isWorkingDay(t.toLocalDate(), sla)) {
                    left--;
                }
            }
            yield t.toInstant();
        }
        };
    }

    private static boolean isWorkingDay(LocalDate day, Sla sla) {
        List<LocalDate> holidays = sla.holidays() == null ? List.of() : sla.holidays();
        // A policy that says "business days" without naming them means Monday to Friday.
        boolean working = sla.workingDays() == null || sla.workingDays().isEmpty()
                ? day.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue()
                : sla.workingDays().contains(day.getDayOfWeek());
        return working && !holidays.contains(day);
    }

    private static ZoneId zone(Sla sla) {
        return sla.timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(sla.timeZone());
    }
}
