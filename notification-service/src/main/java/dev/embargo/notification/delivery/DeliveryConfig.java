package dev.embargo.notification.delivery;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the sender job works through the delivery log. */
@ConfigMapping(prefix = "embargo.delivery")
public interface DeliveryConfig {

    /** How often the sender job looks for due deliveries; a notification waits at most this long after commit. */
    @WithDefault("1s")
    String interval();

    /**
     * Deliveries claimed per run, read in one query and marked sent in one statement. A run that claimed a full batch
     * is followed at once by the next, so a backlog drains without waiting for the interval.
     */
    @WithDefault("100")
    int batchSize();

    /**
     * Mails of a batch in flight at once. Matches {@code quarkus.mailer.max-pool-size}: each mail in flight holds one
     * kept-alive SMTP connection of the mailer's pool. With the mailer's timeout it bounds how long a batch may take
     * (batch size / this × timeout), which stays under the claim lease.
     */
    @WithDefault("10")
    int mailConcurrency();

    /**
     * How long a run waits after a wake-up before it claims, so the commits of those few milliseconds go out as one
     * batch (one claim, one read, one mark) rather than one run each; a notification waits that much longer.
     */
    @WithDefault("20ms")
    Duration wakeDelay();

    /** Attempts before a delivery is given up (and its webhook endpoint marked failing). */
    @WithDefault("8")
    int maxAttempts();

    /** Wait after the first failed attempt; doubled after each further failure. */
    @WithDefault("30s")
    Duration backoff();

    /** Longest wait between two attempts, however many failed. */
    @WithDefault("6h")
    Duration maxBackoff();

    /**
     * How long a claimed delivery stays with the instance that claimed it. Longer than any send may take (the webhook
     * timeout), so nobody else sends it meanwhile; after a crash the row is claimed again once this passed.
     */
    @WithDefault("2m")
    Duration claimLease();
}
