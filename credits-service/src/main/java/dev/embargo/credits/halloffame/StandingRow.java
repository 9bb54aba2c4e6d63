package dev.embargo.credits.halloffame;

import java.time.Instant;

/**
 * One stored standing: what one group of credits (see {@code Credit.standingKeyOf}) contributes to one leaderboard of
 * one year. {@code name} is null when none of its credits may be named there; then only {@code anonymousCredits}
 * counts.
 *
 * @param scope
 *            {@link #PLATFORM} or a project slug
 */
record StandingRow(int year, String standingKey, String scope, String name, String link, int points, int credits,
        Instant firstCreditAt, String stableId, int anonymousCredits) {

    /** The scope of the platform-wide leaderboard; never a project slug. */
    static final String PLATFORM = "*";

    static String scopeOf(String projectOrNull) {
        return projectOrNull == null ? PLATFORM : projectOrNull;
    }

    boolean named() {
        return name != null;
    }

    /** Identifies the row within its table. */
    record Id(int year, String standingKey, String scope) {
    }

    Id id() {
        return new Id(year, standingKey, scope);
    }

    /** One leaderboard: a year, platform-wide or of one project. */
    record Board(int year, String scope) {
    }

    Board board() {
        return new Board(year, scope);
    }

    /** A change to one leaderboard's totals. */
    record Tally(Board board, int entries, int anonymousCredits) {

        Tally plus(StandingRow row, int sign) {
            return new Tally(board, entries + (row.named() ? sign : 0),
                    anonymousCredits + sign * row.anonymousCredits());
        }
    }
}
