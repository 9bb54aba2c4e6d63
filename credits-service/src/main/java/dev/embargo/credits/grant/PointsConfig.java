package dev.embargo.credits.grant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Points a credit earns, by the severity of the published case. Points are fixed when the credit is granted, so
 * changing the table later does not rewrite past years' leaderboards.
 */
@ConfigMapping(prefix = "embargo.points")
public interface PointsConfig {

    @WithDefault("100")
    int critical();

    @WithDefault("50")
    int high();

    @WithDefault("20")
    int medium();

    @WithDefault("10")
    int low();

    /** Severity NONE: a real finding without security impact still gets a thank-you, but no points by default. */
    @WithDefault("0")
    int none();

    /** Cases published without a severity; rare (informational advisories), so worth little by default. */
    @WithDefault("0")
    int unrated();
}
