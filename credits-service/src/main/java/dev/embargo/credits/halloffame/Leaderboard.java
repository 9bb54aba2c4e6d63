package dev.embargo.credits.halloffame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Researchers ranked by points; the rules behind every stored standing (see {@link Leaderboards}). Ties are ordered by
 * who was credited first, then by a stable internal id, so the order (and therefore every page) is the same on every
 * request. Anonymous credits are counted, never ranked.
 */
record Leaderboard(List<Standing> standings, int anonymousCredits) {

    /** One researcher's line; {@code stableId} is internal and never shown. */
    record Standing(String name, String link, int points, int credits, Instant firstCreditAt, String stableId) {
    }

    static final Comparator<Standing> ORDER = Comparator.comparingInt(Standing::points).reversed()
            .thenComparing(Standing::firstCreditAt).thenComparing(Standing::stableId);

    private static final Comparator<Attribution> OLDEST_FIRST = Comparator.comparing(Attribution::creditedAt)
            .thenComparing(Attribution::stableId);

    static Leaderboard rank(List<Attribution> attributions) {
        int anonymous = 0;
        Map<String, List<Attribution>> byResearcher = new LinkedHashMap<>();
        for (Attribution a : attributions) {
            if (a.anonymous()) {
                anonymous++;
            } else {
                byResearcher.computeIfAbsent(a.researcherKey(), k -> new ArrayList<>()).add(a);
            }
        }
        List<Standing> standings = new ArrayList<>();
        for (List<Attribution> credits : byResearcher.values()) {
            credits.sort(OLDEST_FIRST);
            // The researcher's own choice of name wins; otherwise the name they were first credited under.
            Attribution shown = credits.stream().filter(Attribution::preferred).reduce((a, b) -> b)
                    .orElse(credits.get(0));
            int points = credits.stream().mapToInt(Attribution::points).sum();
            String stableId = credits.stream().map(Attribution::stableId).min(String::compareTo).orElseThrow();
            standings.add(new Standing(shown.name(), shown.link(), points, credits.size(), credits.get(0).creditedAt(),
                    stableId));
        }
        standings.sort(ORDER);
        return new Leaderboard(List.copyOf(standings), anonymous);
    }
}
