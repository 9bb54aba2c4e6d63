package dev.embargo.intake.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import dev.embargo.testing.TestDatabase;

/** Migration V2 gives projects registered before it a sequence that continues after their old report counter. */
class ReportSequenceMigrationTest {

    @Test
    void existingProjectsContinueNumberingAfterTheirOldCounter() throws SQLException {
        String schema = "intake_v2_" + UUID.randomUUID().toString().substring(0, 8);
        DataSource db = TestDatabase.superuser();
        try {
            migrate(db, schema, "1");
            UUID busy = UUID.randomUUID();
            UUID fresh = UUID.randomUUID();
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema
                    + ".project (id, slug, name, registered_at, report_counter) VALUES (?, ?, 'Old', now(), ?)")) {
                for (Object[] row : new Object[][] { { busy, "busy", 41 }, { fresh, "fresh", 0 } }) {
                    ps.setObject(1, row[0]);
                    ps.setString(2, (String) row[1]);
                    ps.setInt(3, (Integer) row[2]);
                    ps.executeUpdate();
                }
            }
            migrate(db, schema, "latest");
            assertEquals(42, next(db, schema, busy));
            assertEquals(43, next(db, schema, busy));
            assertEquals(1, next(db, schema, fresh));
        } finally {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static void migrate(DataSource db, String schema, String target) {
        Flyway.configure().dataSource(db).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/platform", "classpath:db/migration").target(target).load().migrate();
    }

    /** nextval of the sequence the service would use, named by the service's own derivation. */
    private static long next(DataSource db, String schema, UUID project) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT nextval(CAST(? AS regclass))")) {
            ps.setString(1, schema + "." + TrackingIds.sequenceOf(project));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
