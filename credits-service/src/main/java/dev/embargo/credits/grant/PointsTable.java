package dev.embargo.credits.grant;

import java.util.Locale;

/** Points per severity, as configured. */
record PointsTable(int critical, int high, int medium, int low, int none, int unrated) {

    PointsTable {
        if (critical < 0 || high < 0 || medium < 0 || low < 0 || none < 0 || unrated < 0) {
            throw new IllegalArgumentException("points must not be negative");
        }
    }

    static PointsTable of(PointsConfig config) {
        return new PointsTable(config.critical(), config.high(), config.medium(), config.low(), config.none(),
                config.unrated());
    }

    int forSeverity(String severity) {
        if (severity == null) {
            return unrated;
        }
        return switch (severity.toUpperCase(Locale.ROOT)) {
        case "CRITICAL" -> critical;
        case "HIGH" -> high;
        case "MEDIUM" -> medium;
        case "LOW" -> low;
        case "NONE" -> none;
        default -> unrated;
        };
    }
}
