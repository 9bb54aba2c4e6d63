package dev.embargo.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox relay publishes. */
@ConfigMapping(prefix = "embargo.outbox")
public interface OutboxConfig {

    /** The relay can be switched off, e.g. in a test that inspects unsent rows. */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often the relay looks for unsent rows when nothing woke it. A commit in this instance wakes it at once; the
     * poll picks up rows of other instances and retries after a broker outage.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Rows claimed per relay run; bounds how long the claim holds row locks. */
    @WithDefault("200")
    int batchSize();

    /**
     * How long the producer keeps retrying one record before the relay gives up on this run. Rows stay unsent and are
     * retried on a later run, so an outage longer than this loses nothing.
     */
    @WithDefault("30s")
    Duration deliveryTimeout();

    /** Producer client id prefix; the service name makes broker-side metrics readable. */
    @WithDefault("embargo")
    String clientId();
}
