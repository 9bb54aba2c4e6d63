package dev.embargo.triage.deadlines;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How often and in what batches the SLA scheduler looks for due milestones. */
@ConfigMapping(prefix = "embargo.sla")
interface SlaConfig {

    /** Interval of the scheduler; a minute is finer than any policy deadline. {@code off} disables it. */
    @WithDefault("60s")
    String every();

    /** Milestones claimed per transaction; small batches keep locks short when much is due at once. */
    @WithDefault("100")
    int batchSize();

    /**
     * How long before a case waiting for the reporter closes for silence the reporter is reminded (at the latest half
     * way through the wait, for short limits): nobody should lose a report to a missed mail.
     */
    @WithDefault("P2D")
    Duration silenceReminderBefore();
}
