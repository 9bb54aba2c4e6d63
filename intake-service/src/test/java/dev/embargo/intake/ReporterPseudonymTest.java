package dev.embargo.intake;

import static dev.embargo.intake.Fixtures.completeReport;
import static dev.embargo.intake.Fixtures.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.intake.reports.LegacyAddresses;
import dev.embargo.intake.reports.ReporterPseudonyms;
import dev.embargo.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Anonymous reporters are tracked under a keyed pseudonym of their address: strikes, bans and resubmissions follow the
 * client, owners see the pseudonym, and no address lands in any table of the intake schema.
 */
@QuarkusTest
class ReporterPseudonymTest {

    @Inject
    ReporterPseudonyms pseudonyms;

    @Inject
    LegacyAddresses legacy;

    /** An IPv6 documentation address no other test uses, and no hex digest is likely to contain. */
    private static String randomV6() {
        var rnd = ThreadLocalRandom.current();
        return "2001:db8:" + Integer.toHexString(rnd.nextInt(0x1000, 0xffff)) + ":"
                + Integer.toHexString(rnd.nextInt(0x1000, 0xffff)) + "::" + Integer.toHexString(rnd.nextInt(1, 0xfff));
    }

    @Test
    void anOwnerSeesAStablePseudonymAndNoClientAddressIsStoredAnywhere() throws SQLException {
        var project = Fixtures.project("pseud");
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON).body(ReporterBanTest.POLICY).when()
                .put(project.path() + "/policy").then().statusCode(201);
        String v4 = "203.0." + ThreadLocalRandom.current().nextInt(113, 114) + "."
                + ThreadLocalRandom.current().nextInt(10, 250);
        String v6 = randomV6();
        Map<String, Object> lazy = completeReport();
        lazy.remove("proofOfConcept");
        for (String client : List.of(v4, v6)) {
            for (int i = 0; i < 2; i++) {
                lazy.put("title", "Attempt " + i + " from " + client.length());
                submit(project.slug(), lazy, client).statusCode(422);
            }
            submit(project.slug(), completeReport(), client).statusCode(403).body("type",
                    equalTo("urn:embargo:problem:reporter-banned"));
        }
        Map<String, Object> good = completeReport();
        good.put("title", "A proper report from an unbanned neighbour");
        String neighbour = randomV6();
        submit(project.slug(), good, neighbour).statusCode(201);

        List<Map<String, Object>> standings = given().auth().oauth2(project.ownerToken()).when()
                .get(project.path() + "/reporter-standings").then().statusCode(200).extract().path("");
        assertEquals(2, standings.size(), standings.toString());
        for (var s : standings) {
            assertTrue(((String) s.get("reporter")).matches("anon:[0-9a-f]{32}"), s.toString());
            assertEquals(2, s.get("strikes"));
        }
        assertEquals(pseudonyms.of(v4), pseudonyms.of(" " + v4 + " "), "stable for one client");
        assertNotEquals(pseudonyms.of(v4), pseudonyms.of(v6));
        given().auth().oauth2(project.ownerToken()).when()
                .delete(project.path() + "/reporter-standings/" + pseudonyms.of(v6)).then().statusCode(204);
        good.put("title", "After the ban was lifted");
        submit(project.slug(), good, v6).statusCode(201);

        List<String> rows = rawRows();
        assertTrue(rows.stream().anyMatch(r -> r.contains(pseudonyms.of(v4))), "the standing was read");
        assertTrue(rows.stream().anyMatch(r -> r.contains("BAN_LIFTED") && r.contains(pseudonyms.of(v6))),
                "the audit entry names the pseudonym");
        for (String address : List.of(v4, v6, neighbour)) {
            assertTrue(rows.stream().noneMatch(r -> r.contains(address)), address + " stored in a row");
        }
        assertTrue(rows.stream().noneMatch(r -> r.matches("(?s).*[(,\"]ip:[0-9a-f].*")),
                "an address-keyed reporter in a row");
    }

    @Test
    void addressesStoredByEarlierVersionsAreReplacedByTheirPseudonymsAndStandingsMerged() throws SQLException {
        var project = Fixtures.project("legacy");
        given().auth().oauth2(project.ownerToken()).contentType(ContentType.JSON).body(ReporterBanTest.POLICY).when()
                .put(project.path() + "/policy").then().statusCode(201);
        String address = "192.0.2." + ThreadLocalRandom.current().nextInt(1, 255);
        String earlier = randomV6();
        String projectId = strings("SELECT id::text FROM intake.project WHERE slug = ?", project.slug()).get(0);
        Map<String, Object> good = completeReport();
        submit(project.slug(), good, earlier).statusCode(201);
        // Rows as an earlier version wrote them: the report, a standing and a lifted ban keyed on the address; and a
        // standing a replica of this version already wrote for the same client under its pseudonym.
        execute("UPDATE intake.report SET reporter_key = ? WHERE project_id = ?::uuid", "ip:" + earlier, projectId);
        execute("INSERT INTO intake.reporter_standing (project_id, reporter_key, strikes, banned_at)"
                + " VALUES (?::uuid, ?, 2, now())", projectId, "ip:" + address);
        execute("INSERT INTO intake.reporter_standing (project_id, reporter_key, strikes) VALUES (?::uuid, ?, 1)",
                projectId, pseudonyms.of(address));
        execute("INSERT INTO intake.audit_log (occurred_at, actor, by_platform_admin, project_id, project_slug, action,"
                + " target) VALUES (now(), 'owner', false, ?::uuid, ?, 'BAN_LIFTED', ?)", projectId, project.slug(),
                "ip:" + address);

        assertTrue(legacy.replaceAll() >= 3);

        assertEquals(List.of(pseudonyms.of(earlier)),
                strings("SELECT reporter_key FROM intake.report WHERE project_id = ?::uuid", projectId));
        assertEquals(List.of(pseudonyms.of(address) + " 3 true"),
                strings("SELECT reporter_key || ' ' || strikes || ' ' || (banned_at IS NOT NULL)"
                        + " FROM intake.reporter_standing WHERE project_id = ?::uuid", projectId));
        assertEquals(List.of(pseudonyms.of(address)), strings(
                "SELECT target FROM intake.audit_log WHERE project_id = ?::uuid AND action = 'BAN_LIFTED'", projectId));
        submit(project.slug(), good, address).statusCode(403).body("type",
                equalTo("urn:embargo:problem:reporter-banned"));
        assertEquals(0, legacy.replaceAll(), "nothing left to replace");
    }

    private static List<String> rawRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestDatabase.superuser().getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'intake' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.containsAll(List.of("report", "reporter_standing", "audit_log", "outbox")), "tables");
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM intake.\"" + table + "\" t")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
            }
        }
        return rows;
    }

    private static List<String> strings(String sql, Object... params) throws SQLException {
        try (Connection c = TestDatabase.superuser().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static void execute(String sql, Object... params) throws SQLException {
        try (Connection c = TestDatabase.superuser().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
