package dev.embargo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class SchemaIsolationTest {

    static Connection connect(TestDatabase.Account account) throws SQLException {
        return DriverManager.getConnection(account.jdbcUrl(), account.username(), account.password());
    }

    @Test
    void aServiceRoleCannotReadOrWriteAnotherServicesSchema() throws Exception {
        var intake = TestDatabase.account("iso_intake");
        var triage = TestDatabase.account("iso_triage");
        try (Connection c = connect(intake); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE reports (id int primary key, secret text)");
            s.execute("INSERT INTO reports VALUES (1, 'embargoed')");
        }
        try (Connection c = connect(triage); Statement s = c.createStatement()) {
            var read = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM iso_intake.reports"));
            assertEquals("42501", read.getSQLState(), "insufficient_privilege");
            var write = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE iso_intake.planted (id int)"));
            assertEquals("42501", write.getSQLState());
            var publicSchema = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE public.x (id int)"));
            assertEquals("42501", publicSchema.getSQLState());
            s.execute("CREATE TABLE own (id int)");
            assertTrue(s.executeQuery("SELECT count(*) FROM iso_triage.own").next());
        }
    }
}
