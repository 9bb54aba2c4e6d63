package dev.embargo.triage.cases;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import dev.embargo.platform.crypto.FieldCipher;
import dev.embargo.triage.sealing.ColumnSealing;
import dev.embargo.triage.sealing.SealedColumns;

/**
 * One line of a case's append-only history: who moved it from where to where, when and why. Never updated. The reason
 * is stored sealed, bound to {@code case_history:<caseId>:<position>:reason}.
 */
@Entity
@Table(name = "case_history")
@EntityListeners(ColumnSealing.class)
public class HistoryEntry implements SealedColumns {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    /** Written by the case's collection mapping; read here for the associated data. */
    @Column(name = "case_id", insertable = false, updatable = false)
    private String caseId;
    @Column(updatable = false)
    private int position;
    @Column(name = "occurred_at", updatable = false)
    private Instant occurredAt;
    @Column(updatable = false)
    private String actor;
    @Column(updatable = false)
    private String action;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state", updatable = false)
    private CaseState from;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", updatable = false)
    private CaseState to;
    @Column(name = "reason", updatable = false)
    private byte[] sealedReason;
    /** A plaintext reason from before the column was sealed, until {@link LegacyPlaintext} seals it. */
    @Column(name = "legacy_reason", insertable = false, updatable = false)
    private String legacyReason;
    @Transient
    private String reason;

    protected HistoryEntry() {
    }

    HistoryEntry(String caseId, int position, Instant occurredAt, String actor, String action, CaseState from,
            CaseState to, String reason) {
        this.caseId = caseId;
        this.position = position;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.from = from;
        this.to = to;
        this.reason = reason;
    }

    /** Associated data binding the reason's ciphertext to this line of this case. */
    static String boundTo(String caseId, int position) {
        return "case_history:" + caseId + ":" + position + ":reason";
    }

    @Override
    public void sealColumns(FieldCipher atRest) {
        if (SealedColumns.needsSealing(sealedReason, reason)) {
            sealedReason = atRest.encrypt(reason, boundTo(caseId, position));
        }
    }

    @Override
    public void openColumns(FieldCipher atRest) {
        reason = sealedReason != null ? atRest.decrypt(sealedReason, boundTo(caseId, position)) : legacyReason;
    }

    public int position() {
        return position;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public CaseState from() {
        return from;
    }

    public CaseState to() {
        return to;
    }

    public String reason() {
        return reason;
    }
}
