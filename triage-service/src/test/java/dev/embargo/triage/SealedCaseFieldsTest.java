package dev.embargo.triage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.testing.TestDatabase;
import dev.embargo.triage.cases.LegacyPlaintext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The history reason, each project's fixed versions and statement, the CVSS vector and the CWE ids are stored sealed:
 * canaries put in through the API come back through it, but appear in no column of any table of the triage schema.
 */
@QuarkusTest
class SealedCaseFieldsTest {

    @Inject
    Ciphers ciphers;

    @Inject
    LegacyPlaintext legacy;

    /** An unusual but valid vector: no other test uses it. */
    private static final String VECTOR = "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:C/C:N/I:L/A:H";

    private static RequestSpecification as(Fixtures.TestProject p) {
        return given().auth().oauth2(p.token()).contentType(ContentType.JSON);
    }

    private record Canaries(String reason, String objection, String fixed, String statement, String cwe) {
        static Canaries random() {
            String s = UUID.randomUUID().toString().substring(0, 8);
            return new Canaries("REASON-CANARY-" + s, "OBJECTION-CANARY-" + s, "9.9.9-canary-" + s,
                    "STATEMENT-CANARY-" + s, "CWE-" + ThreadLocalRandom.current().nextInt(900000, 999999));
        }

        List<String> all() {
            return List.of(reason, objection, fixed, statement, cwe, VECTOR, VECTOR.substring("CVSS:3.1/".length()));
        }
    }

    /** A shared case with every sealed field set through the API by the lead and the partner. */
    private Fixtures.TestReport caseWithCanaries(Canaries k, Fixtures.TestProject lead, Fixtures.TestProject partner) {
        var r = Fixtures.report(ciphers, lead, ReportContent.Visibility.NONE);
        String base = "/api/v1/cases/" + r.caseId();
        as(lead).body(Map.of("action", "ACKNOWLEDGE", "reason", k.reason())).post(base + "/transitions").then()
                .statusCode(200);
        as(lead).body(Map.of("action", "TRIAGE", "cvssVector", VECTOR)).post(base + "/transitions").then()
                .statusCode(200);
        as(lead).body(Map.of("cweIds", List.of(k.cwe()))).put(base + "/severity").then().statusCode(200);
        as(lead).body(Map.of("projectSlug", partner.slug())).post(base + "/projects").then().statusCode(201);
        Fixtures.awaitCase(partner, r.caseId());
        as(partner).body(Map.of("status", "FIXED", "fixedVersions", k.fixed(), "statement", k.statement()))
                .put(base + "/projects/" + partner.slug()).then().statusCode(200);
        as(lead).body(Map.of("date", java.time.LocalDate.now().plusDays(40).toString())).put(base + "/disclosure")
                .then().statusCode(200);
        as(partner).body(Map.of("stance", "OBJECT", "reason", k.objection()))
                .put(base + "/projects/" + partner.slug() + "/disclosure-stance").then().statusCode(200);
        return r;
    }

    @Test
    void reasonStatementFixedVersionsVectorAndCweCanariesComeBackThroughTheApiButAreInNoColumnOfAnyTable()
            throws SQLException {
        var k = Canaries.random();
        var lead = Fixtures.project();
        var partner = Fixtures.project();
        var r = caseWithCanaries(k, lead, partner);
        String base = "/api/v1/cases/" + r.caseId();

        as(partner).get(base).then().statusCode(200).body("cvssVector", equalTo(VECTOR))
                .body("cweIds", contains(k.cwe()))
                .body("projects.find { it.slug == '" + partner.slug() + "' }.fixedVersions", equalTo(k.fixed()))
                .body("projects.find { it.slug == '" + partner.slug() + "' }.statement", equalTo(k.statement()));
        as(lead).get(base + "/history").then().statusCode(200).body("reason", hasItem(k.reason())).body("reason",
                hasItem(partner.slug() + ": " + k.objection()));

        List<String> rows = rawRows();
        assertTrue(rows.stream().anyMatch(row -> row.contains(r.trackingId())), "the case's row was read");
        for (String canary : k.all()) {
            String hex = HexFormat.of().formatHex(canary.getBytes(StandardCharsets.UTF_8));
            assertTrue(rows.stream().noneMatch(row -> row.contains(canary)), canary + " in plaintext in a row");
            assertTrue(rows.stream().noneMatch(row -> row.contains(hex)), canary + " as bytes in a row");
        }
    }

    @Test
    void aSealedFieldOpensOnlyForItsOwnRowAndColumn() {
        var k = Canaries.random();
        var lead = Fixtures.project();
        var partner = Fixtures.project();
        var r = caseWithCanaries(k, lead, partner);
        String row = r.caseId() + ":" + partner.id();
        byte[] statement = bytes("SELECT statement FROM triage.case_projects WHERE id = ?", row);
        byte[] vector = bytes("SELECT cvss_vector FROM triage.cases WHERE id = ?", r.caseId());
        byte[] reason = bytes("SELECT reason FROM triage.case_history WHERE case_id = ? AND position = 0", r.caseId());

        assertEquals(k.statement(), ciphers.atRest().decrypt(statement, "case_projects:" + row + ":statement"));
        assertEquals(VECTOR, ciphers.atRest().decrypt(vector, "cases:" + r.caseId() + ":cvss_vector"));
        assertEquals(k.reason(), ciphers.atRest().decrypt(reason, "case_history:" + r.caseId() + ":0:reason"));
        assertThrows(IllegalStateException.class,
                () -> ciphers.atRest().decrypt(statement, "case_projects:" + row + ":fixed_versions"));
        assertThrows(IllegalStateException.class,
                () -> ciphers.atRest().decrypt(vector, "cases:" + r.trackingId() + ":cvss_vector"));
        assertThrows(IllegalStateException.class,
                () -> ciphers.atRest().decrypt(reason, "case_history:" + r.caseId() + ":1:reason"));
        // Without the at-rest key, nothing opens: the transport key does not.
        assertThrows(IllegalStateException.class,
                () -> ciphers.transport().decrypt(statement, "case_projects:" + row + ":statement"));
    }

    @Test
    void plaintextFromBeforeTheColumnsWereSealedStaysReadableAndIsSealedByTheSweep() throws SQLException {
        var k = Canaries.random();
        var lead = Fixtures.project();
        var partner = Fixtures.project();
        var r = caseWithCanaries(Canaries.random(), lead, partner);
        String row = r.caseId() + ":" + partner.id();
        // A row as V14_1 leaves one written before it: the plaintext in legacy_*, the sealed column empty.
        update("UPDATE triage.case_history SET legacy_reason = ?, reason = NULL WHERE case_id = ? AND position = 0",
                k.reason(), r.caseId());
        update("UPDATE triage.case_projects SET legacy_statement = ?, statement = NULL,"
                + " legacy_fixed_versions = ?, fixed_versions = NULL WHERE id = ?", k.statement(), k.fixed(), row);
        update("UPDATE triage.cases SET legacy_cwe_ids = ?, cwe_ids = NULL WHERE id = ?", k.cwe(), r.caseId());
        String base = "/api/v1/cases/" + r.caseId();
        as(lead).get(base).then().statusCode(200).body("cweIds", contains(k.cwe()))
                .body("projects.find { it.slug == '" + partner.slug() + "' }.statement", equalTo(k.statement()));
        as(lead).get(base + "/history").then().statusCode(200).body("reason", hasItem(k.reason()));

        assertTrue(legacy.sealAll() >= 4);

        assertEquals(0, Rows.count("SELECT count(*) FROM triage.case_history WHERE legacy_reason IS NOT NULL"));
        assertEquals(0, Rows.count("SELECT count(*) FROM triage.case_projects"
                + " WHERE legacy_statement IS NOT NULL OR legacy_fixed_versions IS NOT NULL"));
        assertEquals(0, Rows.count(
                "SELECT count(*) FROM triage.cases WHERE legacy_cwe_ids IS NOT NULL OR legacy_cvss_vector IS NOT NULL"));
        assertNotNull(bytes("SELECT cwe_ids FROM triage.cases WHERE id = ?", r.caseId()));
        as(lead).get(base).then().statusCode(200).body("cweIds", contains(k.cwe()))
                .body("projects.find { it.slug == '" + partner.slug() + "' }.statement", equalTo(k.statement()))
                .body("projects.find { it.slug == '" + partner.slug() + "' }.fixedVersions", equalTo(k.fixed()));
        as(lead).get(base + "/history").then().statusCode(200).body("reason", hasItem(k.reason()));
        List<String> rows = rawRows();
        for (String canary : List.of(k.reason(), k.statement(), k.fixed(), k.cwe())) {
            assertTrue(rows.stream().noneMatch(x -> x.contains(canary)), canary + " left in plaintext");
        }
        assertEquals(0, legacy.sealAll(), "nothing left to seal");
    }

    /** Every row of every table of the triage schema, as PostgreSQL renders it (bytea as hex). */
    private static List<String> rawRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestDatabase.superuser().getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'triage' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.containsAll(List.of("cases", "case_history", "case_projects", "outbox")), "tables");
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM triage.\"" + table + "\" t")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
            }
        }
        return rows;
    }

    private static byte[] bytes(String sql, Object... params) {
        try (Connection c = TestDatabase.superuser().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(String sql, Object... params) throws SQLException {
        try (Connection c = TestDatabase.superuser().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            assertEquals(1, ps.executeUpdate(), sql);
        }
    }
}
