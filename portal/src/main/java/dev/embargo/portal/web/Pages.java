package dev.embargo.portal.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** Formatting shared by every page: instants in the reader's zone, countdowns, enum names in plain words. */
@TemplateExtension(namespace = "fmt")
public final class Pages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);

    private Pages() {
    }

    /** An instant (ISO text from a service) in the zone, e.g. "3 Dec 2026, 14:00 CET". */
    public static String when(Object instant, ZoneId zone) {
        Instant i = instant(instant);
        return i == null ? "" : ZonedDateTime.ofInstant(i, zone).format(WHEN);
    }

    /** "in 2 days 4 h", "5 h overdue", "in 12 min". */
    public static String countdown(Object instant) {
        Instant i = instant(instant);
        if (i == null) {
            return "";
        }
        Duration d = Duration.between(Instant.now(), i);
        String span = span(d.abs());
        return d.isNegative() ? span + " overdue" : "in " + span;
    }

    /** True when the instant has passed. */
    public static boolean past(Object instant) {
        Instant i = instant(instant);
        return i != null && i.isBefore(Instant.now());
    }

    /** ACKNOWLEDGED → "acknowledged", NEEDS_INFO → "needs info". */
    public static String words(Object name) {
        return name == null ? "" : name.toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String span(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        if (days > 0) {
            return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h " + d.toMinutesPart() + " min";
        }
        return Math.max(1, d.toMinutesPart()) + " min";
    }

    static Instant instant(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        return Instant.parse(value.toString());
    }
}
