package dev.embargo.triage.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The notice heads-up subscribers get before a disclosure: {@code days} before the agreed instant (as the notification
 * service schedules it), or at once when the instant is agreed later than that. Publication waits until the full period
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

    /** When the notice for a disclosure at {@code at}, agreed at {@code agreedAt}, goes out. */
    Instant sentAt(Instant at, Instant agreedAt) {
        Instant due = at.minus(Duration.ofDays(days));
        return due.isAfter(agreedAt) ? due : agreedAt;
    }

    /** The earliest publication of a case whose disclosure at {@code at} was agreed at {@code agreedAt}. */
    Instant publishNotBefore(Instant at, Instant agreedAt) {
        if (days == 0) {
            return at;
        }
        Instant noticeOver = sentAt(at, agreedAt).plus(Duration.ofDays(days)).plus(margin);
        return noticeOver.isAfter(at) ? noticeOver : at.plus(margin);
    }

    /** The first instant whose notice, sent now, has run its full period. */
    Instant earliest(Instant now) {
        return now.plus(Duration.ofDays(days));
    }

    static Instant start(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
