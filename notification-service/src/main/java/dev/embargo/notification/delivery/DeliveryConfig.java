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

    /** Deliveries claimed per run. */
    @WithDefault("100")
    int batchSize();

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
