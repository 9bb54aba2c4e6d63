package dev.embargo.triage.cases;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The coordinated disclosure instant from what people agree on: a date, an hour and the time zone they mean them in
 * (CERTCC/VINCE#140: a bare UTC date is not what anyone agrees to). Shown back as the instant, the agreed zone and the
 * local time in the reader's own zone.
 */
final class DisclosureInstant {

    private DisclosureInstant() {
    }

    /**
     * @param time
     *            absent: the start of the day
     * @param zone
     *            absent: {@code defaultZone} (the lead project's policy zone), else UTC
     */
    static ZonedDateTime of(LocalDate date, LocalTime time, String zone, String defaultZone, Instant now) {
        if (date == null) {
            throw CaseRefusal.of(CaseRefusal.Kind.INVALID_DATE, "A disclosure date is required.");
        }
        ZoneId z = zone(zone, defaultZone);
        ZonedDateTime at = date.atTime(time == null ? LocalTime.MIDNIGHT : time).atZone(z);
        // A bare date may be today (publication is then due at once); a date with an hour must lie ahead.
        boolean past = time == null ? date.isBefore(LocalDate.ofInstant(now, z)) : at.toInstant().isBefore(now);
        if (past) {
            throw CaseRefusal.of(CaseRefusal.Kind.INVALID_DATE,
                    "The disclosure date and hour must not be in the past.");
        }
        return at;
    }

    static ZoneId zone(String zone, String defaultZone) {
        String id = zone != null && !zone.isBlank() ? zone : defaultZone != null ? defaultZone : "UTC";
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw CaseRefusal.of(CaseRefusal.Kind.INVALID_TIME_ZONE,
                    "The time zone must be an IANA time zone such as Europe/Berlin.");
        }
    }

    /** The instant as local date and time in a reader's zone, ISO-8601 with offset; null without an instant. */
    static String in(Instant at, ZoneId reader) {
        return at == null ? null : at.atZone(reader).toOffsetDateTime().toString();
    }
}
