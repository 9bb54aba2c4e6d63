package dev.embargo.credits.halloffame;

import static dev.embargo.credits.PublishedCases.anonymous;
import static dev.embargo.credits.PublishedCases.named;
import static dev.embargo.credits.PublishedCases.newSlug;
import static dev.embargo.credits.PublishedCases.publishAndAwait;
import static dev.embargo.credits.PublishedCases.publishedCase;
import static dev.embargo.credits.PublishedCases.year;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.events.CasePublished;
import dev.embargo.testing.TestDatabase;
import dev.embargo.testing.TestEvents;
import dev.embargo.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The stored leaderboards always equal the rules applied to all credits ({@link ReferenceHall}) and a full rebuild,
 * after every kind of change; and a page is read from the ranking index, not by sorting a leaderboard.
 */
@QuarkusTest
class StoredLeaderboardsTest {

    private static final String REBUILD = "/api/v1/admin/hall-of-fame/rebuild";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Leaderboards leaderboards;

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification as(String subject) {
        return given().auth().oauth2(Tokens.of(subject, "reporter")).contentType(ContentType.JSON);
    }

    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(Tokens.of("admin-" + UUID.randomUUID(), "platform-admin"));
    }

    private HallOfFame served(String project, int year, int page, int size) throws Exception {
        String path = project == null ? "/api/v1/hall-of-fame" : "/api/v1/projects/" + project + "/hall-of-fame";
        String body = given().queryParam("year", year).queryParam("page", page).queryParam("size", size).get(path)
                .then().statusCode(200).extract().asString();
        return json.readValue(body, HallOfFame.class);
    }

    /** Served equals the rules, for the platform and each project, and a full rebuild changes no stored row. */
    private void assertFollowsTheRules(int year, String... projects) {
        List<String> scopes = new ArrayList<>();
        scopes.add(null);
        scopes.addAll(List.of(projects));
        for (String project : scopes) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertEquals(ReferenceHall.page(em, project, year, 0, 200), served(project, year, 0, 200)));
        }
        assertRebuildChangesNothing();
    }

    private void assertRebuildChangesNothing() {
        List<String> before = stored();
        asAdmin().post(REBUILD).then().statusCode(200);
        assertEquals(before, stored());
    }

    /** Every stored row, as text, in a fixed order. */
    private static List<String> stored() {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestDatabase.superuser().getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "SELECT format('%s|%s|%s|%L|%L|%s|%s|%L|%L|%s', year, standing_key, scope, name, link, points,"
                            + " credits, first_credit_at, stable_id, anonymous_credits) FROM credits.standing ORDER BY 1",
                    "SELECT format('%s|%s|%s|%s', year, scope, entries, anonymous_credits) FROM credits.hall_tally"
                            + " ORDER BY 1",
                    "SELECT format('%s|%s', id, standing_key) FROM credits.credit ORDER BY 1")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Test
    void storedLeaderboardsFollowGrantsClaimsNamesAndConsentExactlyAsTheRulesAndAFullRebuild() {
        String a = newSlug();
        String b = newSlug();
        String c = newSlug();
        String subject = "researcher-" + UUID.randomUUID();
        String r = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        int year = year();

        // Grants: one researcher under two names (one account), one name written two ways, anonymous credits, ties.
        publishAndAwait(publishedCase(List.of(a), "HIGH", now.minusSeconds(3000),
                named("Mat " + r, "https://one.example/", subject), anonymous()));
        publishAndAwait(publishedCase(List.of(a), "LOW", now.minusSeconds(2500), named("Nora " + r, null)));
        CasePublished second = publishAndAwait(
                publishedCase(List.of(a, b), "CRITICAL", now.minusSeconds(2000), named("Mat Alias " + r, null, subject),
                        named("  nora " + r.toUpperCase(), "https://nora.example/"), anonymous(subject)));
        publishAndAwait(publishedCase(List.of(b), "LOW", now.minusSeconds(1000), named("Tie Tom " + r, null),
                named("Tie Tim " + r, null)));
        assertFollowsTheRules(year, a, b);
        given().get("/api/v1/projects/{s}/hall-of-fame", a).then()
                .body("entries.name", contains("Mat " + r, "Nora " + r)).body("entries.points", contains(150, 110))
                .body("anonymousCredits", equalTo(2));

        // A profile alone changes nothing shown; claiming makes its name and link win.
        as(subject).body(Map.of("displayName", "Chosen " + r, "link", "https://chosen.example/"))
                .put("/api/v1/researchers/me").then().statusCode(200);
        assertFollowsTheRules(year, a, b);
        as(subject).post("/api/v1/researchers/me/claims").then().statusCode(200).body("claimed", equalTo(3));
        assertFollowsTheRules(year, a, b);
        given().get("/api/v1/projects/{s}/hall-of-fame", b).then()
                .body("entries.find { it.name == 'Chosen " + r + "' }.link", equalTo("https://chosen.example/"));

        // A new display name and no link.
        as(subject).body(Map.of("displayName", "Renamed " + r)).put("/api/v1/researchers/me").then().statusCode(200);
        assertFollowsTheRules(year, a, b);
        given().get("/api/v1/projects/{s}/hall-of-fame", a).then().body("entries.name", hasItem("Renamed " + r))
                .body("entries.find { it.name == 'Renamed " + r + "' }.link", equalTo(null));

        // Withdrawn consent: counted anonymously everywhere, named nowhere; given again: back as before.
        as(subject).body(Map.of("granted", false)).put("/api/v1/researchers/me/consent").then().statusCode(200);
        assertFollowsTheRules(year, a, b);
        given().get("/api/v1/projects/{s}/hall-of-fame", a).then().body("entries.name", contains("Nora " + r))
                .body("anonymousCredits", equalTo(4)).body("totalEntries", equalTo(1));
        as(subject).body(Map.of("granted", true)).put("/api/v1/researchers/me/consent").then().statusCode(200);
        assertFollowsTheRules(year, a, b);
        given().get("/api/v1/projects/{s}/hall-of-fame", a).then()
                .body("entries.name", contains("Renamed " + r, "Nora " + r)).body("anonymousCredits", equalTo(2));

        // The same case published again covering one more project: all its credits count there too.
        TestEvents.publish(new CasePublished(second.caseId(), second.trackingId(), List.of(a, b, c),
                second.occurredAt(), second.severity(), second.cvssScore(), null, second.advisory(), second.credits()));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/api/v1/projects/{s}/hall-of-fame", c).statusCode() == 200);
        assertFollowsTheRules(year, a, b, c);
        given().get("/api/v1/projects/{s}/hall-of-fame", c).then()
                .body("entries.name", containsInAnyOrder("Renamed " + r, "nora " + r.toUpperCase()))
                .body("anonymousCredits", equalTo(1));
    }

    @Test
    void tiesKeepOneStableOrderAndPagesRankOverTheWholeLeaderboard() throws Exception {
        String slug = newSlug();
        String r = UUID.randomUUID().toString().substring(0, 8);
        // 23 researchers of one case: equal points and equal first credit, so only the stable id orders them.
        var tied = IntStream.range(0, 23).mapToObj(i -> named("Pager " + i + " " + r, null))
                .toArray(CasePublished.Credit[]::new);
        publishAndAwait(publishedCase(List.of(slug), "MEDIUM", Instant.now().minusSeconds(60), tied));
        publishAndAwait(publishedCase(List.of(slug), "HIGH", Instant.now().minusSeconds(30), named("Top " + r, null)));

        List<HallOfFame.Entry> all = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            HallOfFame hall = served(slug, year(), page, 5);
            assertEquals(ReferenceHall.page(em, slug, year(), page, 5), hall);
            assertThat(hall.totalEntries(), equalTo(24));
            all.addAll(hall.entries());
        }
        assertThat(all.stream().map(HallOfFame.Entry::rank).toList(),
                equalTo(IntStream.rangeClosed(1, 24).boxed().toList()));
        assertThat(new HashSet<>(all.stream().map(HallOfFame.Entry::name).toList()), hasSize(24));
        assertThat(all.get(0).name(), equalTo("Top " + r));
        HallOfFame beyond = served(slug, year(), 9, 5);
        assertThat(beyond.entries(), empty());
        assertThat(beyond.totalEntries(), equalTo(24));

        // The same order on every request and after a rebuild.
        assertRebuildChangesNothing();
        List<HallOfFame.Entry> again = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            again.addAll(served(slug, year(), page, 5).entries());
        }
        assertEquals(all, again);
    }

    @Test
    void rebuildIsForPlatformAdminsOnlyAndAnswersProblems() {
        given().post(REBUILD).then().statusCode(401).contentType("application/problem+json");
        as("researcher-" + UUID.randomUUID()).post(REBUILD).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:embargo:problem:forbidden"));
        asAdmin().post(REBUILD).then().statusCode(200).body("years", greaterThan(0)).body("credits", greaterThan(0))
                .body("standings", greaterThan(0));
    }

    @Test
    void missingStandingsAreFilledInAsAfterAnUpgrade() throws Exception {
        publishAndAwait(publishedCase(newSlug(), "HIGH", named("Upgrade Ulla", null), anonymous()));
        List<String> before = stored();
        // What version 1 left behind: credits without standing keys and no stored leaderboards.
        try (Connection c = TestDatabase.superuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE credits.credit SET standing_key = NULL");
            s.execute("DELETE FROM credits.standing");
            s.execute("DELETE FROM credits.hall_tally");
        }
        assertTrue(leaderboards.rebuildNeeded());

        leaderboards.rebuildIfNeeded();

        assertFalse(leaderboards.rebuildNeeded());
        assertEquals(before, stored());
    }

    @Test
    void aPageIsAnIndexRangeAtTwentyThousandCredits() throws Exception {
        int year = 2003;
        String prefix = "s" + UUID.randomUUID().toString().substring(0, 8) + "-";
        // Written behind the service's back, as the benchmark does: no standing keys, then a rebuild.
        try (Connection c = TestDatabase.superuser().getConnection(); Statement s = c.createStatement()) {
            s.execute(
                    """
                            INSERT INTO credits.publication (case_id, tracking_id, severity, published_at)
                            SELECT '%1$s' || g, upper('%1$s') || 'X-2003-' || lpad(g::text, 6, '0'), 'HIGH',
                                timestamptz '2003-03-01 00:00:00Z' + (g / 3) * interval '1 minute'
                            FROM generate_series(1, 20000) g;
                            INSERT INTO credits.publication_project (case_id, project_slug)
                            SELECT '%1$s' || g, '%1$s' || (g %% 100) FROM generate_series(1, 20000) g;
                            INSERT INTO credits.credit (id, case_id, slot, credit_type, name, handle, link, anonymous,
                                researcher_subject, points, credited_at, credit_year)
                            SELECT gen_random_uuid(), '%1$s' || g, 0, 'FINDER',
                                CASE WHEN g %% 10 = 0 THEN NULL ELSE 'Seeded ' || (g %% 5000) END, NULL,
                                CASE WHEN g %% 3 = 0 THEN 'https://seed.example/' || g END, g %% 10 = 0,
                                CASE WHEN g %% 7 = 0 THEN '%1$ssubject-' || (g %% 300) END, (ARRAY[100, 50, 20, 10])[1 + g %% 4],
                                timestamptz '2003-03-01 00:00:00Z' + (g / 3) * interval '1 minute', 2003
                            FROM generate_series(1, 20000) g;
                            ANALYZE credits.credit;
                            """
                            .formatted(prefix));
        }
        asAdmin().post(REBUILD).then().statusCode(200);

        assertEquals(ReferenceHall.page(em, null, year, 0, 50), served(null, year, 0, 50));
        assertEquals(ReferenceHall.page(em, prefix + "7", year, 1, 20), served(prefix + "7", year, 1, 20));
        assertThat(served(null, year, 0, 50).totalEntries(), greaterThan(4000));

        for (String scope : List.of(StandingRow.PLATFORM, prefix + "7")) {
            JsonNode plan = explain(year, scope, 50, 0);
            List<JsonNode> limits = nodes(plan, "Limit");
            assertThat(limits, hasSize(1));
            JsonNode scan = limits.get(0).get("Plans").get(0);
            assertThat(plan.toString(), scan.get("Node Type").asText(), containsString("Index"));
            assertThat(plan.toString(), scan.get("Index Name").asText(), equalTo("standing_ranking"));
            for (JsonNode node : all(plan)) {
                if ("standing".equals(node.path("Relation Name").asText())) {
                    assertThat(plan.toString(), node.get("Node Type").asText(), not(containsString("Seq Scan")));
                    assertThat(plan.toString(), node.get("Node Type").asText(), not(containsString("Bitmap")));
                }
            }
            // The only sort left is over the page itself, above the limit.
            for (JsonNode sort : nodes(plan, "Sort")) {
                assertThat(plan.toString(), nodes(sort, "Limit"), hasSize(1));
            }
        }
    }

    private JsonNode explain(int year, String scope, int limit, long offset) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON) " + Standings.PAGE)) {
            ps.setInt(1, year);
            ps.setString(2, scope);
            ps.setInt(3, limit);
            ps.setLong(4, offset);
            ps.setInt(5, year);
            ps.setString(6, scope);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return json.readTree(rs.getString(1)).get(0).get("Plan");
            }
        }
    }

    private static List<JsonNode> all(JsonNode plan) {
        List<JsonNode> found = new ArrayList<>();
        found.add(plan);
        for (JsonNode child : plan.path("Plans")) {
            found.addAll(all(child));
        }
        return found;
    }

    private static List<JsonNode> nodes(JsonNode plan, String type) {
        return all(plan).stream().filter(n -> type.equals(n.path("Node Type").asText())).toList();
    }
}
