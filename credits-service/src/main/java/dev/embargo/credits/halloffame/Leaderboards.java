package dev.embargo.credits.halloffame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.hibernate.jpa.HibernateHints;

import dev.embargo.credits.grant.Credit;
import dev.embargo.credits.grant.CreditsChanged;
import dev.embargo.credits.researcher.ResearcherProfile;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The hall of fame's leaderboards, stored so that a page is an indexed range read. Every change that can move a
 * standing fires {@link CreditsChanged}, observed here in that change's own transaction; {@link #rebuild} recomputes
 * everything from the credits. Both compute standings with {@link Attribution} and {@link Leaderboard}, so the rules
 * exist once.
 */
@ApplicationScoped
public class Leaderboards {

    /** What a rebuild did. */
    public record Rebuilt(int years, int credits, int standings, long millis) {
    }

    /** Groups per statement when rebuilding: bounds memory and keeps the credit query on its index. */
    private static final int REBUILD_CHUNK = 2_000;
    private static final int KEY_BATCH = 5_000;
    private static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(30);

    private final EntityManager em;
    private final Standings standings;

    Leaderboards(EntityManager em, Standings standings) {
        this.em = em;
        this.standings = standings;
    }

    /** One page of a year's leaderboard, platform-wide ({@code project} null) or of one project. */
    @Transactional
    HallOfFame page(String project, int year, int page, int size) {
        long offset = (long) page * size;
        Standings.Page stored = standings.page(year, StandingRow.scopeOf(project), offset, size);
        return new HallOfFame(project, year, page, size, stored.entries(), stored.rows(), stored.anonymousCredits());
    }

    /**
     * Recomputes the standings of every researcher (and every group of unnamed credits) these credits belong to, in
     * every leaderboard of their years, within the caller's transaction. Pass every credit whose attribution or
     * projects may have changed; their groups' other credits are read again here. A synchronous observer, so a failure
     * here rolls the change back with it.
     */
    @Transactional(TxType.MANDATORY)
    void refresh(@Observes CreditsChanged event) {
        Collection<Credit> changed = event.credits();
        if (changed.isEmpty()) {
            return;
        }
        // The changes are visible to the queries below only once written.
        em.flush();
        Map<Integer, Set<String>> groupsByYear = new TreeMap<>();
        for (Credit credit : changed) {
            groupsByYear.computeIfAbsent(credit.year(), y -> new TreeSet<>()).add(credit.standingKey());
        }
        standings.lockGroups(groupsByYear.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(key -> e.getKey() + "|" + key)).toList());
        List<StandingRow> puts = new ArrayList<>();
        List<StandingRow.Id> removals = new ArrayList<>();
        Map<StandingRow.Board, StandingRow.Tally> tallies = new HashMap<>();
        for (var entry : groupsByYear.entrySet()) {
            int year = entry.getKey();
            Map<StandingRow.Id, StandingRow> fresh = compute(year, entry.getValue(), false).rows().stream()
                    .collect(Collectors.toMap(StandingRow::id, Function.identity()));
            Map<StandingRow.Id, StandingRow> stored = standings.ofGroups(year, entry.getValue()).stream()
                    .collect(Collectors.toMap(StandingRow::id, Function.identity()));
            for (StandingRow row : fresh.values()) {
                StandingRow before = stored.get(row.id());
                if (!row.equals(before)) {
                    puts.add(row);
                    count(tallies, before, -1);
                    count(tallies, row, 1);
                }
            }
            for (StandingRow before : stored.values()) {
                if (!fresh.containsKey(before.id())) {
                    removals.add(before.id());
                    count(tallies, before, -1);
                }
            }
        }
        standings.remove(removals);
        standings.put(puts);
        standings.addToTallies(
                tallies.values().stream().filter(t -> t.entries() != 0 || t.anonymousCredits() != 0).toList());
    }

    private static void count(Map<StandingRow.Board, StandingRow.Tally> tallies, StandingRow row, int sign) {
        if (row != null) {
            tallies.put(row.board(),
                    tallies.getOrDefault(row.board(), new StandingRow.Tally(row.board(), 0, 0)).plus(row, sign));
        }
    }

    private record Computed(List<StandingRow> rows, int credits) {
    }

    /**
     * The standings of these groups in one year, computed from their credits as they are now.
     *
     * @param readOnly
     *            whether the entities loaded here may be read only: a rebuild drops them right after, while a refresh
     *            shares the caller's persistence context
     */
    private Computed compute(int year, Collection<String> standingKeys, boolean readOnly) {
        List<Credit> credits = em
                .createQuery(
                        "select c from Credit c join fetch c.publication pub"
                                + " join fetch pub.projectSlugs where c.year = :year and c.standingKey in :keys",
                        Credit.class)
                .setParameter("year", year).setParameter("keys", standingKeys)
                .setHint(HibernateHints.HINT_READ_ONLY, readOnly).getResultList();
        Set<String> subjects = credits.stream().map(Credit::researcherSubject).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<String, ResearcherProfile> profiles = subjects.isEmpty() ? Map.of() : em
                .createQuery("select p from ResearcherProfile p where p.subject in :subjects", ResearcherProfile.class)
                .setParameter("subjects", subjects).setHint(HibernateHints.HINT_READ_ONLY, readOnly).getResultStream()
                .collect(Collectors.toMap(ResearcherProfile::subject, Function.identity()));
        Map<String, List<Credit>> byGroup = credits.stream()
                .collect(Collectors.groupingBy(Credit::standingKey, TreeMap::new, Collectors.toList()));
        List<StandingRow> rows = new ArrayList<>();
        byGroup.forEach((key, group) -> rows.addAll(standingsOf(year, key, group, profiles)));
        return new Computed(rows, credits.size());
    }

    /**
     * What one group of credits contributes to each leaderboard of the year it counts on: the platform-wide one and
     * that of every project its cases cover.
     */
    static List<StandingRow> standingsOf(int year, String standingKey, List<Credit> group,
            Map<String, ResearcherProfile> profiles) {
        Map<String, List<Attribution>> byScope = new TreeMap<>();
        for (Credit credit : group) {
            String subject = credit.researcherSubject();
            Attribution attribution = Attribution.of(credit, subject == null ? null : profiles.get(subject));
            byScope.computeIfAbsent(StandingRow.PLATFORM, s -> new ArrayList<>()).add(attribution);
            for (String project : credit.publication().projectSlugs()) {
                byScope.computeIfAbsent(project, s -> new ArrayList<>()).add(attribution);
            }
        }
        List<StandingRow> rows = new ArrayList<>();
        byScope.forEach((scope, attributions) -> {
            Leaderboard board = Leaderboard.rank(attributions);
            if (board.standings().size() > 1) {
                // A group is one researcher (or names nobody): its credits can never rank as two people.
                throw new IllegalStateException("one group ranked as several researchers");
            }
            if (board.standings().isEmpty()) {
                rows.add(new StandingRow(year, standingKey, scope, null, null, 0, 0, null, null,
                        board.anonymousCredits()));
            } else {
                Leaderboard.Standing s = board.standings().get(0);
                rows.add(new StandingRow(year, standingKey, scope, s.name(), s.link(), s.points(), s.credits(),
                        s.firstCreditAt(), s.stableId(), board.anonymousCredits()));
            }
        });
        return rows;
    }

    /**
     * Recomputes every leaderboard of every year from the credits, for operators and after an upgrade. Readers keep the
     * old standings until the new ones commit; grants and profile changes meanwhile wait and then apply on top.
     */
    public Rebuilt rebuild() {
        long started = System.nanoTime();
        fillMissingStandingKeys();
        int[] counts = QuarkusTransaction.requiringNew().timeout((int) REBUILD_TIMEOUT.toSeconds())
                .call(this::recomputeAll);
        QuarkusTransaction.requiringNew().run(standings::analyze);
        long millis = (System.nanoTime() - started) / 1_000_000;
        Log.infof("hall of fame rebuilt: %d year(s), %d credit(s), %d standing(s) in %d ms", counts[0], counts[1],
                counts[2], millis);
        return new Rebuilt(counts[0], counts[1], counts[2], millis);
    }

    /**
     * Credits written behind the service's back (an import, a benchmark seed) have no standing key yet. Filled in small
     * transactions of their own before the rebuild, so the rebuild never waits on a row a claim holds.
     */
    private void fillMissingStandingKeys() {
        List<Standings.Unkeyed> batch;
        // The nil UUID sorts first and is never a credit's id.
        UUID after = new UUID(0, 0);
        do {
            UUID from = after;
            batch = QuarkusTransaction.requiringNew().call(() -> {
                List<Standings.Unkeyed> found = standings.creditsWithoutStandingKey(from, KEY_BATCH);
                standings.setStandingKeys(found.stream().map(Standings.Unkeyed::id).toList(), found.stream()
                        .map(c -> Credit.standingKeyOf(c.researcherSubject(), c.name(), c.caseId())).toList());
                return found;
            });
            if (!batch.isEmpty()) {
                after = batch.get(batch.size() - 1).id();
            }
        } while (batch.size() == KEY_BATCH);
    }

    private int[] recomputeAll() {
        standings.clearForRebuild();
        List<Integer> years = em.createQuery("select distinct c.year from Credit c order by c.year", Integer.class)
                .getResultList();
        int credits = 0;
        int rows = 0;
        for (int year : years) {
            List<String> keys = em.createQuery(
                    "select distinct c.standingKey from Credit c where c.year = :year order by c.standingKey",
                    String.class).setParameter("year", year).getResultList();
            for (int from = 0; from < keys.size(); from += REBUILD_CHUNK) {
                List<String> chunk = keys.subList(from, Math.min(from + REBUILD_CHUNK, keys.size()));
                Computed computed = compute(year, chunk, true);
                standings.insert(computed.rows());
                rows += computed.rows().size();
                credits += computed.credits();
                // Nothing here is changed through the entities; dropping them keeps memory flat over large years.
                em.clear();
            }
        }
        standings.tallyAll();
        return new int[] { years.size(), credits, rows };
    }

    /** Whether stored standings are missing: credits without a standing key, or credits but no leaderboard at all. */
    boolean rebuildNeeded() {
        return QuarkusTransaction.requiringNew().call(() -> (Boolean) em.createNativeQuery(
                "SELECT EXISTS (SELECT 1 FROM credit WHERE standing_key IS NULL) OR (EXISTS (SELECT 1 FROM credit)"
                        + " AND NOT EXISTS (SELECT 1 FROM hall_tally))")
                .getSingleResult());
    }

    /**
     * After an upgrade from a version without stored standings (or rows inserted behind the service's back), fills them
     * in. In the background, so the service starts at once; until then the hall of fame shows what is stored.
     */
    void onStart(@Observes StartupEvent started) {
        Thread.ofPlatform().name("hall-of-fame-rebuild").daemon().start(this::rebuildIfNeeded);
    }

    void rebuildIfNeeded() {
        try {
            if (rebuildNeeded()) {
                Log.info("hall of fame: stored standings missing, rebuilding");
                rebuild();
            }
        } catch (RuntimeException e) {
            Log.warnf("hall of fame: rebuild at startup failed (%s); POST /api/v1/admin/hall-of-fame/rebuild retries",
                    e.getClass().getSimpleName());
        }
    }
}
