package dev.embargo.triage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.embargo.testing.TestDatabase;

/** Raw reads of the triage schema, to check what a test cannot see through the API. */
public final class Rows {

    private Rows() {
    }

    public static List<String> strings(String sql, Object... params) {
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
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... params) {
        return Long.parseLong(strings(sql, params).get(0));
    }

    /** Event types the service wrote to its outbox for one aggregate, in order. */
    public static List<String> eventTypes(String subject) {
        return strings("SELECT event_type FROM triage.outbox WHERE message_key = ? ORDER BY seq", subject);
    }

    /** Everything that identifies the state of a case: version, history, messages, milestones, projects. */
    public static String snapshot(String caseId) {
        return strings("SELECT c.version || '/' || c.state || '/' || coalesce(c.disclosure_status, '-') || '/'"
                + " || (SELECT count(*) FROM triage.case_history h WHERE h.case_id = c.id) || '/'"
                + " || (SELECT count(*) FROM triage.case_messages m WHERE m.case_id = c.id) || '/'"
                + " || (SELECT count(*) FROM triage.case_projects p WHERE p.case_id = c.id) || '/'"
                + " || (SELECT count(*) FROM triage.outbox o WHERE o.message_key = c.id)"
                + " FROM triage.cases c WHERE c.id = ?", caseId).get(0);
    }

    /** The query plan with sequential scans disabled, to show an index can serve the query. */
    public static String explainWithoutSeqScan(String sql) {
        try (Connection c = TestDatabase.superuser().getConnection(); var s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
