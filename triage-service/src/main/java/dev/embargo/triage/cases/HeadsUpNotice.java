package dev.embargo.triage.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The notice heads-up subscribers get before a disclosure: {@code days} before the date (00:00 UTC, as the notification
 * service schedules it), or at once when the date is agreed later than that. Publication waits until the full period
 * has passed since the notice went out, plus a margin that covers the notification service's release interval.
 */
public record HeadsUpNotice(int days, Duration margin) {

    public HeadsUpNotice {
        days = Math.max(0, days);
        margin = margin == null || margin.isNegative() ? Duration.ZERO : margin;
    }

    public static HeadsUpNotice none() {
        return new HeadsUpNotice(0, Duration.ZERO);
    }

    /** When the notice for {@code date}, agreed at {@code agreedAt}, goes out. */
    Instant sentAt(LocalDate date, Instant agreedAt) {
        Instant due = start(date).minus(Duration.ofDays(days));
        return due.isAfter(agreedAt) ? due : agreedAt;
    }

    /** The earliest publication of a case with {@code date} agreed at {@code agreedAt}. */
    Instant publishNotBefore(LocalDate date, Instant agreedAt) {
        if (days == 0) {
            return start(date);
        }
        Instant noticeOver = sentAt(date, agreedAt).plus(Duration.ofDays(days)).plus(margin);
        return noticeOver.isAfter(start(date)) ? noticeOver : start(date).plus(margin);
    }

    /** The first date whose notice, sent now, has run its full period. */
    LocalDate earliestDate(Instant now) {
        return LocalDate.ofInstant(now.plus(Duration.ofDays(days)), ZoneOffset.UTC);
    }

    static Instant start(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
