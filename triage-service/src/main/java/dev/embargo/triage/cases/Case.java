package dev.embargo.triage.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The case aggregate: one per report. Every workflow step is a guarded method that refuses what the current state does
 * not allow ({@link IllegalTransitionException}) and appends a line to the history, and moves the SLA clocks.
 */
@Entity(name = "CaseFile")
@Table(name = "cases")
public class Case {

    /** Where the coordinated disclosure date stands between maintainers and reporter. */
    public enum DisclosureStatus {
        PROPOSED, COUNTERED, AGREED
    }

    @Id
    private String id;
    @Column(name = "tracking_id")
    private String trackingId;
    @Column(name = "project_id")
    private String projectId;
    @Column(name = "project_slug")
    private String projectSlug;
    @Column(name = "policy_version")
    private int policyVersion;
    @Enumerated(EnumType.STRING)
    private CaseState state;
    @Enumerated(EnumType.STRING)
    @Column(name = "state_before_info")
    private CaseState stateBeforeInfo;
    @Enumerated(EnumType.STRING)
    private Resolution resolution;
    @Column(name = "duplicate_of")
    private String duplicateOf;
    @Enumerated(EnumType.STRING)
    private Severity severity;
    @Column(name = "cvss_vector")
    private String cvssVector;
    @Column(name = "cvss_score")
    private Double cvssScore;
    @Column(name = "cwe_ids")
    private String cweIds;
    private String assignee;
    @Column(name = "reporter_subject")
    private String reporterSubject;
    @Column(name = "report_token_hash")
    private String reportTokenHash;
    private byte[] content;
    private byte[] contact;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "silence_deadline")
    private Instant silenceDeadline;
    @Column(name = "disclosure_date")
    private LocalDate disclosureDate;
    @Column(name = "disclosure_at")
    private Instant disclosureAt;
    @Column(name = "disclosure_zone")
    private String disclosureZone;
    @Enumerated(EnumType.STRING)
    @Column(name = "disclosure_status")
    private DisclosureStatus disclosureStatus;
    @Version
    private long version;

    @OneToMany(cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @JoinColumn(name = "case_id", nullable = false, updatable = false)
    @OrderBy("position")
    private List<HistoryEntry> history = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @JoinColumn(name = "case_id", nullable = false, updatable = false)
    private List<Milestone> milestones = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    @JoinColumn(name = "case_id", nullable = false, updatable = false)
    @OrderBy("position")
    private List<CaseProject> projects = new ArrayList<>();

    protected Case() {
    }

    /** A new case for a submitted report; the acknowledge, assess and disclose clocks start at submission. */
    public static Case open(String id, String trackingId, String projectId, String projectSlug, int policyVersion,
            String reportTokenHash, String reporterSubject, Instant submittedAt, SlaPlan plan) {
        var c = new Case();
        c.id = id;
        c.trackingId = trackingId;
        c.projectId = projectId;
        c.projectSlug = projectSlug;
        c.policyVersion = policyVersion;
        c.reportTokenHash = reportTokenHash;
        c.reporterSubject = reporterSubject;
        c.submittedAt = submittedAt;
        c.updatedAt = submittedAt;
        c.state = CaseState.NEW;
        c.projects.add(new CaseProject(id, projectId, projectSlug, 0));
        for (MilestoneKind kind : List.of(MilestoneKind.ACKNOWLEDGE, MilestoneKind.ASSESS, MilestoneKind.DISCLOSE)) {
            c.startClock(kind, null, submittedAt, plan);
        }
        return c;
    }

    /** Stores the sealed report content and contact (ciphertexts made for this case's row). */
    public void seal(byte[] content, byte[] contact) {
        this.content = content;
        this.contact = contact;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Workflow
    // ---------------------------------------------------------------------------------------------------------------

    public void acknowledge(String actor, Instant now) {
        acknowledge(actor, now, null);
    }

    public void acknowledge(String actor, Instant now, String reason) {
        require("acknowledge", CaseState.NEW);
        settle(MilestoneKind.ACKNOWLEDGE, now);
        move("ACKNOWLEDGE", CaseState.ACKNOWLEDGED, actor, now, reason);
    }

    /** Asks the reporter for more: SLA clocks pause until the reporter answers, the silence limit starts. */
    public void requestInfo(String actor, Instant now, String reason, SlaPlan plan) {
        require("request information on", CaseState.NEW, CaseState.ACKNOWLEDGED, CaseState.TRIAGED, CaseState.FIXING);
        stateBeforeInfo = state;
        milestones.forEach(m -> m.pause(now));
        silenceDeadline = plan.silenceDays().map(d -> now.plus(d, ChronoUnit.DAYS)).orElse(null);
        move("REQUEST_INFO", CaseState.NEEDS_INFO, actor, now, reason);
    }

    /** The reporter answered (or a maintainer resumes): back where the case was, clocks run again. */
    public void resumeFromNeedsInfo(String actor, Instant now) {
        resumeFromNeedsInfo(actor, now, null);
    }

    public void resumeFromNeedsInfo(String actor, Instant now, String reason) {
        require("resume", CaseState.NEEDS_INFO);
        milestones.forEach(m -> m.resume(now));
        silenceDeadline = null;
        CaseState back = stateBeforeInfo == null ? CaseState.ACKNOWLEDGED : stateBeforeInfo;
        stateBeforeInfo = null;
        move("PROVIDE_INFO", back, actor, now, reason);
    }

    /** Confirms the vulnerability with its severity; the fix clock starts from the policy's target for it. */
    public void triage(String actor, Instant now, Severity severity, String vector, Double score, SlaPlan plan) {
        triage(actor, now, severity, vector, score, plan, null);
    }

    public void triage(String actor, Instant now, Severity severity, String vector, Double score, SlaPlan plan,
            String reason) {
        require("triage", CaseState.ACKNOWLEDGED);
        if (severity == null) {
            throw new IllegalArgumentException("severity required");
        }
        rate(severity, vector, score);
        settle(MilestoneKind.ASSESS, now);
        startClock(MilestoneKind.FIX, severity, now, plan);
        move("TRIAGE", CaseState.TRIAGED, actor, now, reason);
    }

    /** Re-rates a confirmed case without moving it. */
    public void rate(Severity severity, String vector, Double score) {
        this.severity = severity;
        this.cvssVector = vector;
        this.cvssScore = score;
    }

    public void startFix(String actor, Instant now) {
        startFix(actor, now, null);
    }

    public void startFix(String actor, Instant now, String reason) {
        require("start fixing", CaseState.TRIAGED);
        move("START_FIX", CaseState.FIXING, actor, now, reason);
    }

    public void markFixed(String actor, Instant now) {
        markFixed(actor, now, null);
    }

    public void markFixed(String actor, Instant now, String reason) {
        require("mark fixed", CaseState.TRIAGED, CaseState.FIXING);
        settle(MilestoneKind.FIX, now);
        move("MARK_FIXED", CaseState.FIXED, actor, now, reason);
    }

    public void publish(String actor, Instant now) {
        publish(actor, now, null);
    }

    /** Publishes: only a confirmed (triaged) case can be published. */
    public void publish(String actor, Instant now, String reason) {
        require("publish", CaseState.TRIAGED, CaseState.FIXING, CaseState.FIXED);
        milestones.forEach(m -> m.settle(now));
        move("PUBLISH", CaseState.PUBLISHED, actor, now, reason);
    }

    /** Closes without publication; {@code WITHDRAWN} is the reporter's own, see {@link #withdraw}. */
    public void close(String actor, Instant now, Resolution resolution, String duplicateOfId, String reason) {
        if (resolution == null || resolution == Resolution.WITHDRAWN) {
            throw new IllegalArgumentException("resolution");
        }
        require("close", CaseState.NEW, CaseState.ACKNOWLEDGED, CaseState.NEEDS_INFO, CaseState.TRIAGED,
                CaseState.FIXING);
        if (resolution == Resolution.DUPLICATE && (duplicateOfId == null || duplicateOfId.equals(id))) {
            throw new IllegalArgumentException("duplicateOf");
        }
        closeAs(resolution, resolution == Resolution.DUPLICATE ? duplicateOfId : null, actor, now, reason);
    }

    public void withdraw(String actor, Instant now) {
        require("withdraw", CaseState.OPEN.toArray(CaseState[]::new));
        closeAs(Resolution.WITHDRAWN, null, actor, now, null);
    }

    /** Reopens a closed or published case: back to triaged when it was confirmed, else acknowledged. */
    public void reopen(String actor, Instant now, String reason) {
        require("reopen", CaseState.CLOSED, CaseState.PUBLISHED);
        resolution = null;
        duplicateOf = null;
        move("REOPEN", severity != null ? CaseState.TRIAGED : CaseState.ACKNOWLEDGED, actor, now, reason);
    }

    /** Whether the case has waited for the reporter past the policy's silence limit. */
    public boolean silentSince(Instant now) {
        return state == CaseState.NEEDS_INFO && silenceDeadline != null && !now.isBefore(silenceDeadline);
    }

    private void closeAs(Resolution resolution, String duplicateOfId, String actor, Instant now, String reason) {
        milestones.forEach(m -> m.settle(now));
        silenceDeadline = null;
        stateBeforeInfo = null;
        this.resolution = resolution;
        this.duplicateOf = duplicateOfId;
        move("CLOSE_" + resolution, CaseState.CLOSED, actor, now, reason);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Coordination
    // ---------------------------------------------------------------------------------------------------------------

    public void assign(String maintainer, Instant now) {
        requireOpen("assign");
        this.assignee = maintainer;
        this.updatedAt = now;
    }

    public void classify(List<String> cweIds, Instant now) {
        this.cweIds = cweIds == null || cweIds.isEmpty() ? null : String.join(",", cweIds);
        this.updatedAt = now;
    }

    /** Adds another hosted project; refuses one already on the case. */
    public void addProject(String projectId, String projectSlug, Instant now) {
        addProject(projectId, projectSlug, now, SlaPlan.none());
    }

    /**
     * Adds another hosted project with the clocks of its own policy: acknowledge, assess and disclose start now, and
     * fix too when the case is already rated. Its clocks settle as its maintainers set its status.
     */
    public void addProject(String projectId, String projectSlug, Instant now, SlaPlan plan) {
        requireOpen("add a project to");
        if (affects(projectId)) {
            throw new IllegalStateException("already affected");
        }
        projects.add(new CaseProject(id, projectId, projectSlug, projects.size()));
        for (MilestoneKind kind : List.of(MilestoneKind.ACKNOWLEDGE, MilestoneKind.ASSESS, MilestoneKind.DISCLOSE)) {
            startClock(kind, null, now, plan, projectId, projectSlug);
        }
        if (severity != null && state != CaseState.ACKNOWLEDGED && state != CaseState.NEW) {
            startClock(MilestoneKind.FIX, severity, now, plan, projectId, projectSlug);
        }
        if (state == CaseState.NEEDS_INFO) {
            milestones.stream().filter(m -> m.belongsTo(projectId, this.projectId)).forEach(m -> m.pause(now));
        }
        updatedAt = now;
    }

    /** Starts each partner project's fix clock from its own policy's target for the case's severity. */
    public void startPartnerFixClocks(Instant now, java.util.function.Function<String, SlaPlan> plans) {
        if (severity == null) {
            return;
        }
        for (CaseProject p : projects) {
            boolean running = milestones.stream()
                    .anyMatch(m -> m.kind() == MilestoneKind.FIX && m.belongsTo(p.projectId(), projectId));
            if (!p.projectId().equals(projectId) && !running) {
                startClock(MilestoneKind.FIX, severity, now, plans.apply(p.projectId()), p.projectId(),
                        p.projectSlug());
            }
        }
    }

    public void updateProjectStatus(String projectId, CaseProject.Status status, String fixedVersions, String statement,
            Instant now) {
        requireOpen("update a project of");
        project(projectId).orElseThrow().update(status, fixedVersions, statement);
        if (!projectId.equals(this.projectId)) {
            // A partner's answer settles its own clocks: any status acknowledges, a finding assesses, fixed (or not
            // affected) ends its fix clock.
            settle(MilestoneKind.ACKNOWLEDGE, projectId, now);
            if (status != CaseProject.Status.UNDER_INVESTIGATION) {
                settle(MilestoneKind.ASSESS, projectId, now);
            }
            if (status == CaseProject.Status.FIXED || status == CaseProject.Status.NOT_AFFECTED) {
                settle(MilestoneKind.FIX, projectId, now);
            }
        }
        updatedAt = now;
    }

    /** A maintainer proposes (or accepts the reporter's counter to) a disclosure date (the start of it, UTC). */
    public void proposeDisclosure(LocalDate date, Instant now) {
        proposeDisclosure(date.atStartOfDay(java.time.ZoneOffset.UTC), now);
    }

    /** A maintainer proposes a disclosure instant: date, hour and the time zone they are meant in. */
    public void proposeDisclosure(java.time.ZonedDateTime at, Instant now) {
        requireOpen("schedule disclosure of");
        disclose(at);
        disclosureStatus = DisclosureStatus.PROPOSED;
        updatedAt = now;
    }

    private void disclose(java.time.ZonedDateTime at) {
        disclosureDate = at.toLocalDate();
        disclosureAt = at.toInstant();
        disclosureZone = at.getZone().getId();
    }

    /** Agrees on the date currently on the table; returns it. */
    public LocalDate agreeDisclosure(Instant now) {
        requireOpen("agree disclosure of");
        if (disclosureDate == null || disclosureStatus == DisclosureStatus.AGREED) {
            throw new IllegalTransitionException(state, "agree to a disclosure date that is not proposed for");
        }
        disclosureStatus = DisclosureStatus.AGREED;
        updatedAt = now;
        return disclosureDate;
    }

    /** The reporter proposes another date. */
    public void counterDisclosure(LocalDate date, Instant now) {
        counterDisclosure(date.atStartOfDay(java.time.ZoneOffset.UTC), now);
    }

    /** The reporter proposes another instant. */
    public void counterDisclosure(java.time.ZonedDateTime at, Instant now) {
        requireOpen("counter disclosure of");
        if (disclosureDate == null) {
            throw new IllegalTransitionException(state, "counter a disclosure date that is not proposed for");
        }
        disclose(at);
        disclosureStatus = DisclosureStatus.COUNTERED;
        updatedAt = now;
    }

    /** Whether publication is due: agreed date reached, every affected project fixed and agreed, or deadline. */
    public boolean publicationDue(LocalDate today, Instant now) {
        if (!Set.of(CaseState.TRIAGED, CaseState.FIXING, CaseState.FIXED).contains(state)) {
            return false;
        }
        boolean agreed = disclosureStatus == DisclosureStatus.AGREED;
        // The agreed instant (date, hour, time zone); a date from before instants means its start in UTC.
        if (agreed && (disclosureAt != null ? !now.isBefore(disclosureAt) : !today.isBefore(disclosureDate))) {
            return true;
        }
        boolean allSettled = projects.stream()
                .allMatch(p -> p.status() == CaseProject.Status.FIXED || p.status() == CaseProject.Status.NOT_AFFECTED);
        if (agreed && state == CaseState.FIXED && allSettled) {
            return true;
        }
        return milestone(MilestoneKind.DISCLOSE).map(m -> m.dueAt() != null && !now.isBefore(m.dueAt())).orElse(false);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void require(String action, CaseState... allowed) {
        if (!Arrays.asList(allowed).contains(state)) {
            throw new IllegalTransitionException(state, action);
        }
    }

    private void requireOpen(String action) {
        if (!state.isOpen()) {
            throw new IllegalTransitionException(state, action);
        }
    }

    private void move(String action, CaseState to, String actor, Instant now, String reason) {
        history.add(new HistoryEntry(history.size(), now, actor, action, state, to, reason));
        state = to;
        updatedAt = now;
    }

    /** The workflow moves the lead project's clocks; partners' clocks follow their own status. */
    private void settle(MilestoneKind kind, Instant now) {
        settle(kind, projectId, now);
    }

    private void settle(MilestoneKind kind, String project, Instant now) {
        milestones.stream().filter(m -> m.kind() == kind && m.belongsTo(project, projectId))
                .forEach(m -> m.settle(now));
    }

    private void startClock(MilestoneKind kind, Severity severity, Instant start, SlaPlan plan) {
        startClock(kind, severity, start, plan, projectId, projectSlug);
    }

    private void startClock(MilestoneKind kind, Severity severity, Instant start, SlaPlan plan, String project,
            String slug) {
        plan.due(kind, severity, start).ifPresent(
                due -> milestones.add(new Milestone(kind, start, due, plan.warningFraction(), project, slug)));
    }

    /** The lead project's clock of a kind. */
    public Optional<Milestone> milestone(MilestoneKind kind) {
        return milestones.stream().filter(m -> m.kind() == kind && m.belongsTo(projectId, projectId)).findFirst();
    }

    /** One project's clock of a kind. */
    public Optional<Milestone> milestone(MilestoneKind kind, String project) {
        return milestones.stream().filter(m -> m.kind() == kind && m.belongsTo(project, projectId)).findFirst();
    }

    public Optional<CaseProject> project(String projectId) {
        return projects.stream().filter(p -> p.projectId().equals(projectId)).findFirst();
    }

    public boolean affects(String projectId) {
        return project(projectId).isPresent();
    }

    public String id() {
        return id;
    }

    public String trackingId() {
        return trackingId;
    }

    public String projectId() {
        return projectId;
    }

    public String projectSlug() {
        return projectSlug;
    }

    public int policyVersion() {
        return policyVersion;
    }

    public CaseState state() {
        return state;
    }

    public Resolution resolution() {
        return resolution;
    }

    public String duplicateOf() {
        return duplicateOf;
    }

    public Severity severity() {
        return severity;
    }

    public String cvssVector() {
        return cvssVector;
    }

    public Double cvssScore() {
        return cvssScore;
    }

    public List<String> cweIds() {
        return cweIds == null ? List.of() : List.of(cweIds.split(","));
    }

    public String assignee() {
        return assignee;
    }

    public String reporterSubject() {
        return reporterSubject;
    }

    public String reportTokenHash() {
        return reportTokenHash;
    }

    public byte[] content() {
        return content;
    }

    public byte[] contact() {
        return contact;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant silenceDeadline() {
        return silenceDeadline;
    }

    public LocalDate disclosureDate() {
        return disclosureDate;
    }

    public DisclosureStatus disclosureStatus() {
        return disclosureStatus;
    }

    /** The agreed (or proposed) disclosure instant; null when no date is on the table. */
    public Instant disclosureAt() {
        return disclosureAt != null ? disclosureAt
                : disclosureDate == null ? null : disclosureDate.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }

    /** The time zone the disclosure date and hour were agreed in. */
    public String disclosureZone() {
        return disclosureZone != null ? disclosureZone : disclosureDate == null ? null : "UTC";
    }

    public long version() {
        return version;
    }

    public List<HistoryEntry> history() {
        return Collections.unmodifiableList(history);
    }

    public List<Milestone> milestones() {
        return Collections.unmodifiableList(milestones);
    }

    public List<CaseProject> projects() {
        return Collections.unmodifiableList(projects);
    }

    public List<String> projectSlugs() {
        return projects.stream().map(CaseProject::projectSlug).toList();
    }
}
