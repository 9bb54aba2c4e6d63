package dev.embargo.triage.cases;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.platform.crypto.FieldCipher;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Seals what the columns sealed by migration V14_1 held in plaintext before (history reasons, fixed versions,
 * statements, CVSS vectors, CWE ids, kept in {@code legacy_*} columns), then clears the plaintext. Runs at start-up in
 * batches; rows written since are sealed already, and a row an instance reads before the sweep reaches it shows its
 * legacy value. Idempotent: a sealed row has no legacy value left.
 */
@ApplicationScoped
public class LegacyPlaintext {

    private static final int BATCH = 200;

    private final EntityManager em;
    private final Ciphers ciphers;

    LegacyPlaintext(EntityManager em, Ciphers ciphers) {
        this.em = em;
        this.ciphers = ciphers;
    }

    void onStart(@Observes StartupEvent event) {
        int sealed = sealAll();
        if (sealed > 0) {
            Log.infof("sealed %d plaintext values kept from before the case columns were encrypted", sealed);
        }
    }

    /** Seals every legacy plaintext value; returns how many values were sealed. */
    public int sealAll() {
        int total = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::sealBatch);
            total += batch;
        } while (batch > 0);
        return total;
    }

    @SuppressWarnings("unchecked")
    private int sealBatch() {
        FieldCipher atRest = ciphers.atRest();
        int sealed = 0;
        List<Object[]> history = em
                .createNativeQuery("SELECT id, case_id, position, legacy_reason FROM case_history"
                        + " WHERE legacy_reason IS NOT NULL LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")
                .getResultList();
        for (Object[] row : history) {
            String caseId = (String) row[1];
            int position = ((Number) row[2]).intValue();
            byte[] ct = atRest.encrypt((String) row[3], HistoryEntry.boundTo(caseId, position));
            sealed += em.createNativeQuery("UPDATE case_history SET reason = ?1, legacy_reason = NULL WHERE id = ?2")
                    .setParameter(1, ct).setParameter(2, row[0]).executeUpdate();
        }
        List<Object[]> projects = em.createNativeQuery("SELECT id, legacy_fixed_versions, legacy_statement"
                + " FROM case_projects WHERE legacy_fixed_versions IS NOT NULL OR legacy_statement IS NOT NULL LIMIT "
                + BATCH + " FOR UPDATE SKIP LOCKED").getResultList();
        for (Object[] row : projects) {
            String id = (String) row[0];
            sealed += seal("case_projects", "fixed_versions", id, (String) row[1],
                    atRest.encrypt((String) row[1], CaseProject.boundTo(id, "fixed_versions")));
            sealed += seal("case_projects", "statement", id, (String) row[2],
                    atRest.encrypt((String) row[2], CaseProject.boundTo(id, "statement")));
        }
        List<Object[]> cases = em.createNativeQuery("SELECT id, legacy_cvss_vector, legacy_cwe_ids FROM cases"
                + " WHERE legacy_cvss_vector IS NOT NULL OR legacy_cwe_ids IS NOT NULL LIMIT " + BATCH
                + " FOR UPDATE SKIP LOCKED").getResultList();
        for (Object[] row : cases) {
            String id = (String) row[0];
            sealed += seal("cases", "cvss_vector", id, (String) row[1],
                    atRest.encrypt((String) row[1], Case.boundTo(id, "cvss_vector")));
            sealed += seal("cases", "cwe_ids", id, (String) row[2],
                    atRest.encrypt((String) row[2], Case.boundTo(id, "cwe_ids")));
        }
        return sealed;
    }

    /** Table and column names are this class's constants, never input. */
    private int seal(String table, String column, String id, String plaintext, byte[] ciphertext) {
        if (plaintext == null) {
            return 0;
        }
        return em
                .createNativeQuery("UPDATE " + table + " SET " + column + " = ?1, legacy_" + column + " = NULL"
                        + " WHERE id = ?2 AND legacy_" + column + " IS NOT NULL")
                .setParameter(1, ciphertext).setParameter(2, id).executeUpdate();
    }
}
