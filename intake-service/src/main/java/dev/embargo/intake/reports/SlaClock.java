package dev.embargo.intake.reports;

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
            long left = 3600L * deadline.amount();
            while (true) {
                ZonedDateTime midnight = t.toLocalDate().plusDays(1).atStartOfDay(t.getZone());
                if (isWorkingDay(t.toLocalDate(), sla)) {
                    long available = java.time.Duration.between(t, midnight).getSeconds();
                    if (left <= available) {
                        yield t.plusSeconds(left).toInstant();
                    }
                    left -= available;
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
        return (sla.workingDays() == null || sla.workingDays().isEmpty()
                || sla.workingDays().contains(day.getDayOfWeek())) && !holidays.contains(day);
    }

    private static ZoneId zone(Sla sla) {
        return sla.timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(sla.timeZone());
    }
}
