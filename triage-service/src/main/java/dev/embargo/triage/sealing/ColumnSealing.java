package dev.embargo.triage.sealing;

import jakarta.persistence.PostLoad;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;

import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.platform.crypto.FieldCipher;
import io.quarkus.arc.Arc;

/**
 * Seals the sensitive columns of case entities ({@link SealedColumns}) just before Hibernate writes them and opens them
 * just after it loads them. The history reason, a project's fixed versions and statement, the CVSS vector and the CWE
 * ids are set inside the aggregate's own methods, so sealing them at the persistence edge keeps the cipher out of the
 * domain and cannot be forgotten by a caller.
 */
public class ColumnSealing {

    @PrePersist
    @PreUpdate
    void seal(Object entity) {
        if (entity instanceof SealedColumns s) {
            s.sealColumns(atRest());
        }
    }

    @PostLoad
    void open(Object entity) {
        if (entity instanceof SealedColumns s) {
            s.openColumns(atRest());
        }
    }

    private static FieldCipher atRest() {
        // JPA creates listeners itself; the cipher is the application's one bean.
        return Arc.container().instance(Ciphers.class).get().atRest();
    }
}
