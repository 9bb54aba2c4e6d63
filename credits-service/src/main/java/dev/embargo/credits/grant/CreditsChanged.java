package dev.embargo.credits.grant;

import java.util.List;

/**
 * Fired (synchronously, in the changing transaction) when credits were granted or how they are shown may have changed;
 * the leaderboards follow in the same transaction without the granting side knowing them.
 */
public record CreditsChanged(List<Credit> credits) {
}
