package dev.embargo.triage.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import dev.embargo.triage.sla.MilestoneKind;

/**
 * One SLA clock of a case. Its deadline is fixed when the clock starts; while the case waits for the reporter the
 * remaining time is parked and {@code due_at} is empty, so the scheduler's index does not see it.
 */
@Entity
@Table(name = "milestones")
// Only changed columns: a maintainer's settlement and the scheduler's breach of one clock never overwrite each other.
@DynamicUpdate
public class Milestone {

    @Id
    private String id;
    @Enumerated(EnumType.STRING)
    private MilestoneKind kind;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "warn_at")
    private Instant warnAt;
    @Column(name = "paused_remaining_ms")
    private Long pausedRemainingMs;
    @Column(name = "paused_warn_ms")
    private Long pausedWarnMs;
    @Column(name = "settled_at")
    private Instant settledAt;
    @Column(name = "warned_at")
    private Instant warnedAt;
    @Column(name = "breached_at")
    private Instant breachedAt;
    @Column(name = "project_id")
    private String projectId;
    @Column(name = "project_slug")
    private String projectSlug;

    protected Milestone() {
    }

    Milestone(MilestoneKind kind, Instant startedAt, Instant dueAt, double warningFraction) {
        this(kind, startedAt, dueAt, warningFraction, null, null);
    }

    /** A clock of one affected project, from that project's own policy. */
    Milestone(MilestoneKind kind, Instant startedAt, Instant dueAt, double warningFraction, String projectId,
            String projectSlug) {
        this.id = UUID.randomUUID().toString();
        this.projectId = projectId;
        this.projectSlug = projectSlug;
        this.kind = kind;
        this.startedAt = startedAt;
        this.dueAt = dueAt;
        long total = Duration.between(startedAt, dueAt).toMillis();
        this.warnAt = startedAt.plusMillis((long) (Math.max(0, total) * warningFraction));
    }

    boolean isRunning() {
        return settledAt == null && breachedAt == null;
    }

    void settle(Instant now) {
        if (settledAt == null) {
            settledAt = now;
        }
    }

    void pause(Instant now) {
        if (isRunning() && dueAt != null) {
            pausedRemainingMs = Math.max(0, Duration.between(now, dueAt).toMillis());
            pausedWarnMs = warnedAt != null || warnAt == null ? null
                    : Math.max(0, Duration.between(now, warnAt).toMillis());
            dueAt = null;
            warnAt = null;
        }
    }

    void resume(Instant now) {
        if (isRunning() && dueAt == null && pausedRemainingMs != null) {
            dueAt = now.plusMillis(pausedRemainingMs);
            warnAt = pausedWarnMs == null ? null : now.plusMillis(pausedWarnMs);
            pausedRemainingMs = null;
            pausedWarnMs = null;
        }
    }

    /** Whether the clock is due at {@code now}: running, not paused, its deadline come. */
    boolean isDue(Instant now) {
        return isRunning() && dueAt != null && !now.isBefore(dueAt);
    }

    /** Records the breach; a milestone breaches at most once, and only when due and still running. */
    void breach(Instant now) {
        if (!isDue(now)) {
            throw new IllegalStateException("milestone is not due");
        }
        breachedAt = now;
    }

    /** Marks the warning once, when its time came and the clock still runs short of its deadline. */
    boolean warn(Instant now) {
        if (warnedAt != null || !isRunning() || warnAt == null || dueAt == null || now.isBefore(warnAt)
                || !now.isBefore(dueAt)) {
            return false;
        }
        warnedAt = now;
        return true;
    }

    public String id() {
        return id;
    }

    public MilestoneKind kind() {
        return kind;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant warnAt() {
        return warnAt;
    }

    public Instant settledAt() {
        return settledAt;
    }

    public Instant breachedAt() {
        return breachedAt;
    }

    /** The project whose policy set this clock; null on clocks from before per-project clocks (the lead's). */
    public String projectId() {
        return projectId;
    }

    public String projectSlug() {
        return projectSlug;
    }

    /** Whether this is a clock of the given project; clocks without a project are the lead project's. */
    boolean belongsTo(String project, String leadProjectId) {
        return projectId == null ? project.equals(leadProjectId) : projectId.equals(project);
    }

    public boolean isPaused() {
        return isRunning() && dueAt == null && pausedRemainingMs != null;
    }
}
