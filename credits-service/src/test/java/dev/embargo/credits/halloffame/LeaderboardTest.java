package dev.embargo.credits.halloffame;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LeaderboardTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static Attribution credit(String key, String name, int points, int dayOffset, String id) {
        return Attribution.named("P-2026-0001", "FINDER", name, null, null, points, T0.plusSeconds(86_400L * dayOffset),
                false, key, id);
    }

    private static List<String> names(Leaderboard board) {
        return board.standings().stream().map(Leaderboard.Standing::name).toList();
    }

    @Test
    void ranksByPointsThenEarliestFirstCreditThenStableId() {
        var board = Leaderboard.rank(List.of(credit("a", "Alice", 50, 5, "id-3"), credit("b", "Bob", 50, 1, "id-9"),
                credit("c", "Carol", 50, 1, "id-2"), credit("d", "Dave", 100, 9, "id-5")));

        assertThat(names(board), contains("Dave", "Carol", "Bob", "Alice"));
    }

    @Test
    void sumsPointsAndCreditsPerResearcher() {
        var board = Leaderboard.rank(List.of(credit("a", "Alice", 50, 1, "1"), credit("a", "Alice", 20, 2, "2"),
                credit("b", "Bob", 60, 0, "3")));

        assertThat(names(board), contains("Alice", "Bob"));
        assertThat(board.standings().get(0).points(), equalTo(70));
        assertThat(board.standings().get(0).credits(), equalTo(2));
        assertThat(board.standings().get(1).points(), equalTo(60));
    }

    @Test
    void orderDoesNotDependOnInputOrder() {
        List<Attribution> credits = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            credits.add(credit("k" + (i % 13), "R" + (i % 13), (i % 3) * 10, i % 4, "id-" + i));
        }
        var expected = Leaderboard.rank(credits).standings();
        for (int seed = 0; seed < 5; seed++) {
            var shuffled = new ArrayList<>(credits);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(Leaderboard.rank(shuffled).standings(), equalTo(expected));
        }
    }

    @Test
    void anonymousCreditsAreCountedButNeverRanked() {
        var board = Leaderboard.rank(
                List.of(credit("a", "Alice", 50, 1, "1"), Attribution.anonymous("P-2026-0001", "FINDER", 100, T0, "2"),
                        Attribution.anonymous("P-2026-0002", "FINDER", 100, T0, "3")));

        assertThat(board.anonymousCredits(), equalTo(2));
        assertThat(names(board), contains("Alice"));
    }

    @Test
    void researchersOwnDisplayNameWinsOverNameGivenAtPublication() {
        var board = Leaderboard.rank(List.of(credit("acc", "old name", 10, 0, "1"), Attribution.named("P-2026-0003",
                "FINDER", "Chosen Name", null, "https://chosen.example", 10, T0.plusSeconds(5), true, "acc", "2")));

        assertThat(board.standings(), hasSize(1));
        var standing = board.standings().get(0);
        assertThat(standing.name(), equalTo("Chosen Name"));
        assertThat(standing.link(), equalTo("https://chosen.example"));
        assertThat(standing.points(), equalTo(20));
    }
}
