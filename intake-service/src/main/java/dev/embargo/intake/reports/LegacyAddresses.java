package dev.embargo.intake.reports;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Replaces the client addresses that earlier versions kept for anonymous reporters ({@code ip:<address>} in reports,
 * reporter standings and the audit log of lifted bans) with their pseudonyms. Runs at start-up in batches; idempotent.
 * A resubmission of such an older report is not recognised as one afterwards (its fingerprint was made with the
 * address) and becomes a new report.
 */
@ApplicationScoped
public class LegacyAddresses {

    private static final int BATCH = 200;

    private final EntityManager em;
    private final ReporterPseudonyms pseudonyms;

    LegacyAddresses(EntityManager em, ReporterPseudonyms pseudonyms) {
        this.em = em;
        this.pseudonyms = pseudonyms;
    }

    void onStart(@Observes StartupEvent event) {
        int replaced = replaceAll();
        if (replaced > 0) {
            Log.infof("replaced %d stored client addresses with reporter pseudonyms", replaced);
        }
    }

    /** Replaces every stored {@code ip:} reporter key; returns how many rows changed. */
    public int replaceAll() {
        int total = 0;
        for (String[] column : List.of(new String[] { "report", "reporter_key" },
                new String[] { "reporter_standing", "reporter_key" }, new String[] { "audit_log", "target" })) {
            int batch;
            do {
                batch = QuarkusTransaction.requiringNew().call(() -> replaceBatch(column[0], column[1]));
                total += batch;
            } while (batch > 0);
        }
        return total;
    }

    /** Table and column names are this class's constants, never input. */
    @SuppressWarnings("unchecked")
    private int replaceBatch(String table, String column) {
        List<String> keys = em.createNativeQuery(
                "SELECT DISTINCT " + column + " FROM " + table + " WHERE " + column + " LIKE 'ip:%' LIMIT " + BATCH)
                .getResultList();
        int changed = 0;
        for (String key : keys) {
            String pseudonym = pseudonyms.of(key.substring("ip:".length()));
            if (table.equals("reporter_standing")) {
                // A replica of the new version may already have struck the same client under its pseudonym: merge.
                em.createNativeQuery("INSERT INTO reporter_standing (project_id, reporter_key, strikes, banned_at)"
                        + " SELECT project_id, ?1, strikes, banned_at FROM reporter_standing WHERE reporter_key = ?2"
                        + " ON CONFLICT (project_id, reporter_key) DO UPDATE"
                        + " SET strikes = reporter_standing.strikes + EXCLUDED.strikes,"
                        + " banned_at = LEAST(reporter_standing.banned_at, EXCLUDED.banned_at)")
                        .setParameter(1, pseudonym).setParameter(2, key).executeUpdate();
                changed += em.createNativeQuery("DELETE FROM reporter_standing WHERE reporter_key = ?1")
                        .setParameter(1, key).executeUpdate();
                continue;
            }
            changed += em.createNativeQuery("UPDATE " + table + " SET " + column + " = ?1 WHERE " + column + " = ?2")
                    .setParameter(1, pseudonym).setParameter(2, key).executeUpdate();
        }
        return changed;
    }
}
