package dev.embargo.triage.cases;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of a case's append-only history: who moved it from where to where, when and why. Never updated. */
@Entity
@Table(name = "case_history")
public class HistoryEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
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
    @Column(updatable = false)
    private String reason;

    protected HistoryEntry() {
    }

    HistoryEntry(int position, Instant occurredAt, String actor, String action, CaseState from, CaseState to,
            String reason) {
        this.position = position;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.from = from;
        this.to = to;
        this.reason = reason;
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
