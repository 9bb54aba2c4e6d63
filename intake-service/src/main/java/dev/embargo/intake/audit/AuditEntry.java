package dev.embargo.intake.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One security-relevant action: who did what to which project, when, and whether with platform-admin powers. Holds
 * identifiers and roles only, never report content or addresses. Append-only.
 */
@Entity
@Table(name = "audit_log")
class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "occurred_at", updatable = false)
    private Instant occurredAt;
    @Column(updatable = false)
    private String actor;
    @Column(name = "by_platform_admin", updatable = false)
    private boolean byPlatformAdmin;
    @Column(name = "project_id", updatable = false)
    private UUID projectId;
    @Column(name = "project_slug", updatable = false)
    private String projectSlug;
    @Column(updatable = false)
    private String action;
    @Column(updatable = false)
    private String target;
    @Column(updatable = false)
    private String detail;

    protected AuditEntry() {
    }

    AuditEntry(Instant occurredAt, String actor, boolean byPlatformAdmin, UUID projectId, String projectSlug,
            String action, String target, String detail) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.byPlatformAdmin = byPlatformAdmin;
        this.projectId = projectId;
        this.projectSlug = projectSlug;
        this.action = action;
        this.target = target;
        this.detail = detail;
    }

    Long id() {
        return id;
    }

    Instant occurredAt() {
        return occurredAt;
    }

    String actor() {
        return actor;
    }

    boolean byPlatformAdmin() {
        return byPlatformAdmin;
    }

    String projectSlug() {
        return projectSlug;
    }

    String action() {
        return action;
    }

    String target() {
        return target;
    }

    String detail() {
        return detail;
    }
}
