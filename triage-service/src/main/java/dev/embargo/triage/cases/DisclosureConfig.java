package dev.embargo.triage.cases;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the coordinated disclosure. */
@ConfigMapping(prefix = "embargo.disclosure")
interface DisclosureConfig {

    /**
     * Added to the heads-up notice period before publication: the notification service releases due heads-ups on its
     * own interval ({@code embargo.heads-up.interval}, 5 minutes), so publication waits longer than that.
     */
    @WithDefault("1h")
    Duration headsUpMargin();
}
