package dev.embargo.notification.headsup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When heads-ups are looked for. */
@ConfigMapping(prefix = "embargo.heads-up")
interface HeadsUpConfig {

    /** Heads-ups are due per day, so looking every few minutes is plenty. */
    @WithDefault("5m")
    String interval();

    /** Lead time when neither the event nor the project's policy names one. */
    @WithDefault("7")
    int defaultDays();
}
