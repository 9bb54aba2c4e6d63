package dev.embargo.triage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.embargo.testing.TestDatabase;

/** Reads one bytea value with plain SQL. */
final class TestHex {

    private TestHex() {
    }

    static byte[] bytes(String sql, String param) {
        try (Connection c = TestDatabase.superuser().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
