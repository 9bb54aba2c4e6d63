package dev.embargo.credits.halloffame;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/**
 * The stored leaderboards ({@code standing} and {@code hall_tally}, see V2__materialised_hall_of_fame.sql). Plain SQL
 * on the connection of the current transaction: rows go in and out as arrays, so a rebuild writes thousands per
 * statement.
 */
@ApplicationScoped
class Standings {

    /**
     * One page and the leaderboard's totals in one statement, so both come from the same snapshot. The page is a range
     * of the {@code standing_ranking} index; only the page itself is sorted again after the join.
     */
    static final String PAGE = """
            WITH page AS (
                SELECT name, link, points, credits, first_credit_at, stable_id FROM standing
                WHERE year = ? AND scope = ? AND name IS NOT NULL
                ORDER BY points DESC, first_credit_at, stable_id
                LIMIT ? OFFSET ?)
            SELECT t.entries, t.anonymous_credits, p.name, p.link, p.points, p.credits
            FROM (SELECT ?::int AS year, ?::text AS scope) q
            LEFT JOIN hall_tally t ON t.year = q.year AND t.scope = q.scope
            LEFT JOIN page p ON true
            ORDER BY p.points DESC, p.first_credit_at, p.stable_id""";

    private static final String COLUMNS = "year, standing_key, scope, name, link, points, credits, first_credit_at,"
            + " stable_id, anonymous_credits";

    /** Microseconds since the epoch go in exactly; PostgreSQL keeps no more. */
    private static final String FROM_ARRAYS = "SELECT y, k, s, n, l, p, c,"
            + " CASE WHEN f IS NULL THEN NULL ELSE timestamptz 'epoch' + f * interval '1 microsecond' END, i, a"
            + " FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::bigint[],"
            + " ?::text[], ?::int[]) AS r(y, k, s, n, l, p, c, f, i, a)";

    private final EntityManager em;

    Standings(EntityManager em) {
        this.em = em;
    }

    /** What one page of a leaderboard shows. */
    record Page(int entries, int anonymousCredits, List<HallOfFame.Entry> rows) {
    }

    Page page(int year, String scope, long offset, int limit) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement(PAGE)) {
                ps.setInt(1, year);
                ps.setString(2, scope);
                ps.setInt(3, limit);
                ps.setLong(4, offset);
                ps.setInt(5, year);
                ps.setString(6, scope);
                int entries = 0;
                int anonymous = 0;
                List<HallOfFame.Entry> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries = rs.getInt(1);
                        anonymous = rs.getInt(2);
                        if (rs.getString(3) != null) {
                            rows.add(new HallOfFame.Entry((int) (offset + rows.size() + 1), rs.getString(3),
                                    rs.getString(4), rs.getInt(5), rs.getInt(6)));
                        }
                    }
                }
                return new Page(entries, anonymous, rows);
            }
        });
    }

    /**
     * Serialises maintenance per group and year until the transaction ends, so two transactions never compute the same
     * standings from different credits. Locks are taken in one global order, so they cannot deadlock.
     */
    void lockGroups(Collection<String> yearAndKeys) {
        if (yearAndKeys.isEmpty()) {
            return;
        }
        work(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT"
                    + " hashtextextended(g, 0) AS h FROM unnest(?::text[]) AS g ORDER BY h) AS groups")) {
                ps.setArray(1, c.createArrayOf("text", yearAndKeys.toArray()));
                ps.executeQuery().close();
            }
            return null;
        });
    }

    /** The stored rows of these groups in one year, locked for the rest of the transaction. */
    List<StandingRow> ofGroups(int year, Collection<String> standingKeys) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM standing WHERE year = ? AND standing_key = ANY(?) ORDER BY standing_key, scope FOR UPDATE")) {
                ps.setInt(1, year);
                ps.setArray(2, c.createArrayOf("text", standingKeys.toArray()));
                List<StandingRow> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OffsetDateTime first = rs.getObject(8, OffsetDateTime.class);
                        rows.add(new StandingRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getInt(6), rs.getInt(7), first == null ? null : first.toInstant(),
                                rs.getString(9), rs.getInt(10)));
                    }
                }
                return rows;
            }
        });
    }

    /** Writes these rows, replacing stored rows with the same id. */
    void put(List<StandingRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        work(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO standing (" + COLUMNS + ") " + FROM_ARRAYS
                    + " ON CONFLICT (year, standing_key, scope) DO UPDATE SET name = excluded.name,"
                    + " link = excluded.link, points = excluded.points, credits = excluded.credits,"
                    + " first_credit_at = excluded.first_credit_at, stable_id = excluded.stable_id,"
                    + " anonymous_credits = excluded.anonymous_credits")) {
                bindRows(c, ps, rows);
                ps.executeUpdate();
            }
            return null;
        });
    }

    void remove(List<StandingRow.Id> ids) {
        if (ids.isEmpty()) {
            return;
        }
        work(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM standing s USING unnest(?::int[], ?::text[],"
                    + " ?::text[]) AS r(y, k, sc) WHERE s.year = r.y AND s.standing_key = r.k AND s.scope = r.sc")) {
                ps.setArray(1, c.createArrayOf("int4", ids.stream().map(StandingRow.Id::year).toArray()));
                ps.setArray(2, c.createArrayOf("text", ids.stream().map(StandingRow.Id::standingKey).toArray()));
                ps.setArray(3, c.createArrayOf("text", ids.stream().map(StandingRow.Id::scope).toArray()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Adds these changes to the leaderboards' totals. Rows are locked in key order, so concurrent maintenance cannot
     * deadlock on them.
     */
    void addToTallies(List<StandingRow.Tally> changes) {
        if (changes.isEmpty()) {
            return;
        }
        work(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO hall_tally (year, scope, entries,"
                    + " anonymous_credits) SELECT y, s, e, a FROM unnest(?::int[], ?::text[], ?::int[], ?::int[])"
                    + " AS r(y, s, e, a) ORDER BY y, s ON CONFLICT (year, scope) DO UPDATE SET"
                    + " entries = hall_tally.entries + excluded.entries,"
                    + " anonymous_credits = hall_tally.anonymous_credits + excluded.anonymous_credits")) {
                ps.setArray(1, c.createArrayOf("int4", changes.stream().map(t -> t.board().year()).toArray()));
                ps.setArray(2, c.createArrayOf("text", changes.stream().map(t -> t.board().scope()).toArray()));
                ps.setArray(3, c.createArrayOf("int4", changes.stream().map(StandingRow.Tally::entries).toArray()));
                ps.setArray(4,
                        c.createArrayOf("int4", changes.stream().map(StandingRow.Tally::anonymousCredits).toArray()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Empties both tables for a rebuild. Readers keep seeing the old rows until the rebuild commits; maintenance by
     * other transactions waits for it and then applies its changes to the rebuilt rows.
     */
    void clearForRebuild() {
        work(c -> {
            try (var s = c.createStatement()) {
                s.execute("LOCK TABLE standing, hall_tally IN EXCLUSIVE MODE");
                s.execute("DELETE FROM standing");
                s.execute("DELETE FROM hall_tally");
            }
            return null;
        });
    }

    /** Writes rows that are known to be new (after {@link #clearForRebuild}). */
    void insert(List<StandingRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        work(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO standing (" + COLUMNS + ") " + FROM_ARRAYS)) {
                bindRows(c, ps, rows);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Totals of every leaderboard counted from the rows, for a rebuild. */
    void tallyAll() {
        work(c -> {
            try (var s = c.createStatement()) {
                s.execute("INSERT INTO hall_tally (year, scope, entries, anonymous_credits)"
                        + " SELECT year, scope, count(name), sum(anonymous_credits) FROM standing GROUP BY year, scope");
            }
            return null;
        });
    }

    /** Fresh planner statistics after a rebuild replaced every row. */
    void analyze() {
        work(c -> {
            try (var s = c.createStatement()) {
                s.execute("ANALYZE standing");
                s.execute("ANALYZE hall_tally");
            }
            return null;
        });
    }

    /** A credit written without a standing key, with what its key is computed from. */
    record Unkeyed(UUID id, String caseId, String researcherSubject, String name) {
    }

    /** Credits without a standing key, in id order after the given id. */
    List<Unkeyed> creditsWithoutStandingKey(UUID after, int limit) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, case_id, researcher_subject, name FROM credit"
                    + " WHERE standing_key IS NULL AND id > ? ORDER BY id LIMIT ?")) {
                ps.setObject(1, after);
                ps.setInt(2, limit);
                List<Unkeyed> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Unkeyed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                                rs.getString(4)));
                    }
                }
                return found;
            }
        });
    }

    void setStandingKeys(List<UUID> credits, List<String> keys) {
        if (credits.isEmpty()) {
            return;
        }
        work(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE credit SET standing_key = r.k"
                    + " FROM unnest(?::uuid[], ?::text[]) AS r(i, k) WHERE credit.id = r.i")) {
                ps.setArray(1, c.createArrayOf("uuid", credits.toArray()));
                ps.setArray(2, texts(c, keys.toArray()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static void bindRows(Connection c, PreparedStatement ps, List<StandingRow> rows) throws SQLException {
        ps.setArray(1, ints(c, rows.stream().map(StandingRow::year).toArray()));
        ps.setArray(2, texts(c, rows.stream().map(StandingRow::standingKey).toArray()));
        ps.setArray(3, texts(c, rows.stream().map(StandingRow::scope).toArray()));
        ps.setArray(4, texts(c, rows.stream().map(StandingRow::name).toArray()));
        ps.setArray(5, texts(c, rows.stream().map(StandingRow::link).toArray()));
        ps.setArray(6, ints(c, rows.stream().map(StandingRow::points).toArray()));
        ps.setArray(7, ints(c, rows.stream().map(StandingRow::credits).toArray()));
        ps.setArray(8, c.createArrayOf("int8", rows.stream().map(r -> micros(r.firstCreditAt())).toArray()));
        ps.setArray(9, texts(c, rows.stream().map(StandingRow::stableId).toArray()));
        ps.setArray(10, ints(c, rows.stream().map(StandingRow::anonymousCredits).toArray()));
    }

    private static Long micros(Instant at) {
        return at == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    private static Array ints(Connection c, Object[] values) throws SQLException {
        return c.createArrayOf("int4", values);
    }

    private static Array texts(Connection c, Object[] values) throws SQLException {
        return c.createArrayOf("text", values);
    }

    private <T> T work(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }
}
