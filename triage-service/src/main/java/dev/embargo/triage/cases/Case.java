package dev.embargo.triage.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import dev.embargo.events.CaseAcknowledged;
import dev.embargo.events.CaseClosed;
import dev.embargo.events.CaseDisclosureScheduled;
import dev.embargo.events.CaseFixed;
import dev.embargo.events.CaseNeedsInfo;
import dev.embargo.events.CaseProjectAdded;
import dev.embargo.events.CasePublicationOverridden;
import dev.embargo.events.CaseReopened;
import dev.embargo.events.CaseTriaged;
import dev.embargo.events.LifecycleEvent;
import dev.embargo.events.SlaBreached;
import dev.embargo.events.SlaMilestone;
import dev.embargo.events.SlaWarning;
import dev.embargo.platform.crypto.FieldCipher;
import dev.embargo.triage.access.Participant;
import dev.embargo.triage.projects.ProjectPolicy;
import dev.embargo.triage.sealing.ColumnSealing;
import dev.embargo.triage.sealing.SealedColumns;
import dev.embargo.triage.sla.MilestoneKind;
import dev.embargo.triage.sla.Severity;
import dev.embargo.triage.sla.SlaPlan;

/**
 * The case aggregate: one per report. Every step is a guarded method: it refuses ({@link CaseRefusal}) what the current
 * state does not allow, what the participant's role on the case does not allow (only the lead project moves the
 * workflow, each project speaks for itself, publication waits for its guard) and what no case can be, appends to the
 * history, moves the SLA clocks, marks their warnings and breaches, and registers the past-tense events it caused
 * ({@link #takeEvents()}, {@link #takePublished()}).
 */
@Entity(name = "CaseFile")
@Table(name = "cases")
@EntityListeners(ColumnSealing.class)
public class Case implements SealedColumns {

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
    /** Sealed, bound to {@code cases:<id>:cvss_vector}; severity and score stay plain for filtering and sorting. */
    @Column(name = "cvss_vector")
    private byte[] sealedCvssVector;
    @Transient
    private String cvssVector;
    @Column(name = "cvss_score")
    private Double cvssScore;
    /** Sealed, bound to {@code cases:<id>:cwe_ids}. */
    @Column(name = "cwe_ids")
    private byte[] sealedCweIds;
    @Transient
    private String cweIds;
    /** Plaintexts from before the columns were sealed, until {@link LegacyPlaintext} seals them. */
    @Column(name = "legacy_cvss_vector")
    private String legacyCvssVector;
    @Column(name = "legacy_cwe_ids")
    private String legacyCweIds;
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
    @Column(name = "agreed_at")
    private Instant agreedAt;
    @Column(name = "heads_up_days")
    private Integer headsUpDays;
    @Column(name = "heads_up_at")
    private Instant headsUpAt;
    @Column(name = "publish_not_before")
    private Instant publishNotBefore;
    @Column(name = "publication_forced")
    private boolean publicationForced;
    /** The next open deadline ({@link #nextDueAt()}), stored for the inbox's index; moves only with the clocks. */
    @Column(name = "next_due_at")
    private Instant nextDueAt;
    @Version
    private long version;

    @OneToMany(cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @JoinColumn(name = "case_id", nullable = false, updatable = false)
    @OrderBy("position")
    private List<HistoryEntry> history = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @JoinColumn(name = "case_id", nullable = false, updatable = false)
    private List<Milestone> milestones = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL, fetch = FetchType.EAGER, orphanRemoval = true)
    @JoinColumn(name = "case_id", nullable = false, updatable = false)
    @OrderBy("position")
    private List<CaseProject> projects = new ArrayList<>();

    @Transient
    private final List<LifecycleEvent> events = new ArrayList<>();
    /** Set when the case was published: {@code case.published} carries the rendered advisory, which the caller has. */
    @Transient
    private boolean published;

    private static final CaseState[] PUBLISHABLE = { CaseState.TRIAGED, CaseState.FIXING, CaseState.FIXED };
    private static final Set<CaseState> PUBLISHABLE_STATES = Set.of(PUBLISHABLE);

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
    // Workflow: only the lead project's members move the case.
    // ---------------------------------------------------------------------------------------------------------------

    public void acknowledge(Participant by, Instant now, String reason) {
        requireLead(by, "acknowledge");
        require(Step.ACKNOWLEDGE);
        settle(MilestoneKind.ACKNOWLEDGE, now);
        move("ACKNOWLEDGE", CaseState.ACKNOWLEDGED, by.subject(), now, reason);
        events.add(new CaseAcknowledged(id, trackingId, projectSlugs(), now, by.subject()));
    }

    /** Asks the reporter for more: SLA clocks pause until the reporter answers, the silence limit starts. */
    public void requestInfo(Participant by, Instant now, String reason, SlaPlan plan) {
        requireLead(by, "request information on");
        require(Step.REQUEST_INFO);
        stateBeforeInfo = state;
        moveClocks(m -> true, m -> m.pause(now));
        silenceDeadline = plan.silenceDays().map(d -> now.plus(d, ChronoUnit.DAYS)).orElse(null);
        move("REQUEST_INFO", CaseState.NEEDS_INFO, by.subject(), now, reason);
        events.add(new CaseNeedsInfo(id, trackingId, projectSlugs(), now, by.subject()));
    }

    /** A lead maintainer resumes a case waiting for the reporter. */
    public void resume(Participant by, Instant now, String reason) {
        requireLead(by, "resume");
        resumeFromNeedsInfo(by.subject(), now, reason);
    }

    /** The reporter answered: back where the case was, clocks run again. */
    public void reporterAnswered(Instant now) {
        resumeFromNeedsInfo(null, now, null);
    }

    private void resumeFromNeedsInfo(String actor, Instant now, String reason) {
        require(Step.RESUME);
        moveClocks(m -> true, m -> m.resume(now));
        silenceDeadline = null;
        CaseState back = stateBeforeInfo == null ? CaseState.ACKNOWLEDGED : stateBeforeInfo;
        stateBeforeInfo = null;
        move("PROVIDE_INFO", back, actor, now, reason);
    }

    /** Confirms the vulnerability with its severity; the fix clock starts from the policy's target for it. */
    public void triage(Participant by, Instant now, Severity severity, String vector, Double score, SlaPlan plan,
            String reason) {
        requireLead(by, "triage");
        require(Step.TRIAGE);
        if (severity == null) {
            throw CaseRefusal.of(CaseRefusal.Kind.SEVERITY_REQUIRED, "Triage needs a CVSS vector or a severity.");
        }
        setRating(severity, vector, score);
        settle(MilestoneKind.ASSESS, now);
        startClock(MilestoneKind.FIX, severity, now, plan);
        move("TRIAGE", CaseState.TRIAGED, by.subject(), now, reason);
        events.add(new CaseTriaged(id, trackingId, projectSlugs(), now, by.subject(),
                dev.embargo.events.Severity.valueOf(severity.name()), score));
    }

    /** Re-rates an open case without moving it. */
    public void rate(Participant by, Severity severity, String vector, Double score, Instant now) {
        requireLead(by, "rate");
        requireOpen("rate");
        setRating(severity, vector, score);
        updatedAt = now;
    }

    private void setRating(Severity severity, String vector, Double score) {
        this.severity = severity;
        this.cvssVector = vector;
        this.cvssScore = score;
        this.sealedCvssVector = SealedColumns.stale();
    }

    public void startFix(Participant by, Instant now, String reason) {
        requireLead(by, "start fixing");
        require(Step.START_FIX);
        move("START_FIX", CaseState.FIXING, by.subject(), now, reason);
    }

    public void markFixed(Participant by, Instant now, String reason) {
        requireLead(by, "mark fixed");
        require(Step.MARK_FIXED);
        settle(MilestoneKind.FIX, now);
        move("MARK_FIXED", CaseState.FIXED, by.subject(), now, reason);
        events.add(new CaseFixed(id, trackingId, projectSlugs(), now, by.subject()));
    }

    /**
     * A lead maintainer publishes: only a confirmed case whose guard is met (every affected project fixed or not
     * affected, the agreed date come, heads-up notice over). The caller emits {@code case.published}, which needs the
     * rendered advisory.
     */
    public void publish(Participant by, Instant now, String reason) {
        requireLead(by, "publish");
        require(Step.PUBLISH);
        List<CaseRefusal.Blocker> blockers = publicationBlockers(now);
        if (!blockers.isEmpty()) {
            throw CaseRefusal.blocked(blockers, publishNotBefore);
        }
        publishNow(by.subject(), now, reason);
    }

    /**
     * An owner of the lead project overrides the guard with a reason (kept in the history, announced to every project
     * and the reporter). The heads-up subscribers still get their full notice: if it has not run yet, the date is set
     * to the first one it allows and the scheduler publishes then.
     *
     * @return whether the case was published at once
     */
    public boolean overridePublication(Participant by, Instant now, String reason, HeadsUpNotice notice) {
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw CaseRefusal.of(CaseRefusal.Kind.OVERRIDE_REASON_REQUIRED,
                    "An override of the publication guard needs a reason of 1 to 2000 characters.");
        }
        requireLeadOwner(by, "override the publication guard of");
        require(Step.PUBLISH);
        publicationForced = true;
        history.add(
                new HistoryEntry(id, history.size(), now, by.subject(), "OVERRIDE_PUBLICATION", state, state, reason));
        updatedAt = now;
        Instant publishAt = forceDisclosure(by.subject(), now, notice);
        events.add(new CasePublicationOverridden(id, trackingId, projectSlugs(), now, by.subject(), publishAt));
        if (!now.isBefore(publishAt)) {
            publishNow(by.subject(), now, reason);
            return true;
        }
        return false;
    }

    /**
     * At the policy's disclosure deadline: an unfixed case is scheduled for publication only if every project that is
     * not fixed opted into deadline-driven disclosure; otherwise the deadline stays an SLA milestone (it warns and
     * breaches) and nothing is disclosed.
     *
     * @return whether the deadline scheduled the disclosure
     */
    public boolean disclosureDeadlinePassed(Instant now, Set<String> projectsPublishingOnDeadline,
            HeadsUpNotice notice) {
        if (!PUBLISHABLE_STATES.contains(state) || publicationForced) {
            return false;
        }
        boolean due = milestone(MilestoneKind.DISCLOSE)
                .map(m -> m.settledAt() == null && m.dueAt() != null && !now.isBefore(m.dueAt())).orElse(false);
        boolean everyUnfixedOptedIn = projects.stream().filter(p -> !p.settled())
                .allMatch(p -> projectsPublishingOnDeadline.contains(p.projectId()));
        if (!due || !everyUnfixedOptedIn) {
            return false;
        }
        publicationForced = true;
        settle(MilestoneKind.DISCLOSE, now);
        history.add(new HistoryEntry(id, history.size(), now, null, "DEADLINE_DISCLOSURE", state, state,
                "the policy's disclosure deadline passed and the policy publishes on its deadline"));
        updatedAt = now;
        forceDisclosure(null, now, notice);
        return true;
    }

    /** The scheduler publishes a case whose guard is met; returns false (and changes nothing) when it is not. */
    public boolean publishIfDue(Instant now) {
        if (!PUBLISHABLE_STATES.contains(state) || !publicationBlockers(now).isEmpty()) {
            return false;
        }
        publishNow(null, now, publicationForced ? "publication scheduled by an override or the policy's deadline"
                : "the agreed disclosure date came and every affected project is fixed or not affected");
        return true;
    }

    /** What keeps the case from being published at {@code now}; empty when it may be. */
    public List<CaseRefusal.Blocker> publicationBlockers(Instant now) {
        List<CaseRefusal.Blocker> blockers = new ArrayList<>();
        if (!publicationForced && !projects.stream().allMatch(CaseProject::settled)) {
            blockers.add(CaseRefusal.Blocker.UNFIXED_PROJECTS);
        }
        if (!publicationForced && projects.stream().anyMatch(p -> p.dateStance() == CaseProject.DateStance.OBJECTED)) {
            blockers.add(CaseRefusal.Blocker.PROJECT_OBJECTS_TO_DATE);
        }
        if (disclosureStatus != DisclosureStatus.AGREED || publishNotBefore == null) {
            blockers.add(CaseRefusal.Blocker.DATE_NOT_AGREED);
        } else if (now.isBefore(publishNotBefore)) {
            blockers.add(now.isBefore(disclosureAt()) && !publicationForced ? CaseRefusal.Blocker.DATE_NOT_REACHED
                    : CaseRefusal.Blocker.HEADS_UP_PENDING);
        }
        return blockers;
    }

    private void publishNow(String actor, Instant now, String reason) {
        moveClocks(m -> true, m -> m.settle(now));
        move("PUBLISH", CaseState.PUBLISHED, actor, now, reason);
        published = true;
    }

    /** Agrees a date the heads-up notice allows (keeping one whose notice already went out); returns the instant. */
    private Instant forceDisclosure(String actor, Instant now, HeadsUpNotice notice) {
        if (disclosureStatus == DisclosureStatus.AGREED && publishNotBefore != null && headsUpAt != null
                && !now.isBefore(headsUpAt)) {
            // The notice is out for the agreed date: its full period counts from then, the date itself no longer.
            int days = headsUpDays == null ? 0 : headsUpDays;
            Instant over = days == 0 ? now : headsUpAt.plus(Duration.ofDays(days)).plus(notice.margin());
            publishNotBefore = micros(over.isAfter(now) ? over : now);
            return publishNotBefore;
        }
        if (notice.days() == 0) {
            disclose(now.atZone(ZoneOffset.UTC));
            agree(actor, now, notice);
            publishNotBefore = micros(now);
            return publishNotBefore;
        }
        disclose(notice.earliest(now).atZone(ZoneOffset.UTC));
        agree(actor, now, notice);
        return publishNotBefore;
    }

    /** Closes without publication; {@code WITHDRAWN} is the reporter's own, see {@link #withdraw}. */
    public void close(Participant by, Instant now, Resolution resolution, String duplicateOfId,
            String duplicateOfTrackingId, String reason) {
        close(by, now, resolution, duplicateOfId, duplicateOfTrackingId, reason, Optional.empty());
    }

    /**
     * Closes without publication. {@code MOVED_PUBLIC} only where the lead project's policy has a public route that
     * takes the case's severity; without a reason of its own the route's words are the reason. A duplicate names
     * another case (by id and tracking id) the caller can see; the caller passes null when they cannot see it.
     */
    public void close(Participant by, Instant now, Resolution resolution, String duplicateOfId,
            String duplicateOfTrackingId, String reason, Optional<ProjectPolicy> policy) {
        if (resolution == null || resolution == Resolution.WITHDRAWN) {
            throw CaseRefusal.of(CaseRefusal.Kind.INVALID_RESOLUTION,
                    "Closing needs a resolution other than WITHDRAWN (which is the reporter's).");
        }
        String why = reason;
        if (resolution == Resolution.MOVED_PUBLIC) {
            var route = policy.map(ProjectPolicy::publicRoute).orElse(null);
            PublicRouteRule.refusal(route, severity).ifPresent(refusal -> {
                throw CaseRefusal.of(CaseRefusal.Kind.PUBLIC_ROUTE_NOT_ALLOWED, refusal);
            });
            if (why == null || why.isBlank()) {
                why = route.statement();
            }
        }
        if (resolution == Resolution.DUPLICATE && (duplicateOfId == null || duplicateOfId.equals(id))) {
            throw CaseRefusal.of(CaseRefusal.Kind.UNKNOWN_DUPLICATE, "A duplicate must name another case you can see.");
        }
        requireLead(by, "close");
        closeBy(by.subject(), now, resolution, duplicateOfId, duplicateOfTrackingId, why);
    }

    /** The scheduler closes a case whose reporter stayed silent past the policy's limit. */
    public boolean closeIfSilent(Instant now) {
        if (!silentSince(now)) {
            return false;
        }
        closeBy(null, now, Resolution.INFORMATIVE, null, null, "no answer from the reporter within the policy's limit");
        return true;
    }

    private void closeBy(String actor, Instant now, Resolution resolution, String duplicateOfId,
            String duplicateOfTrackingId, String reason) {
        require(Step.CLOSE);
        boolean dup = resolution == Resolution.DUPLICATE;
        closeAs(resolution, dup ? duplicateOfId : null, actor, now, reason);
        events.add(new CaseClosed(id, trackingId, projectSlugs(), now, actor,
                CaseClosed.Resolution.valueOf(resolution.name()), dup ? duplicateOfTrackingId : null));
    }

    public void withdraw(Instant now) {
        require(Step.WITHDRAW);
        closeAs(Resolution.WITHDRAWN, null, null, now, null);
        events.add(new CaseClosed(id, trackingId, projectSlugs(), now, null, CaseClosed.Resolution.WITHDRAWN, null));
    }

    /** Reopens a closed or published case: back to triaged when it was confirmed, else acknowledged. */
    public void reopen(Participant by, Instant now, String reason) {
        requireLead(by, "reopen");
        require(Step.REOPEN);
        resolution = null;
        duplicateOf = null;
        publicationForced = false;
        move("REOPEN", severity != null ? CaseState.TRIAGED : CaseState.ACKNOWLEDGED, by.subject(), now, reason);
        events.add(new CaseReopened(id, trackingId, projectSlugs(), now, by.subject()));
    }

    /** Whether the case has waited for the reporter past the policy's silence limit. */
    public boolean silentSince(Instant now) {
        return state == CaseState.NEEDS_INFO && silenceDeadline != null && !now.isBefore(silenceDeadline);
    }

    private void closeAs(Resolution resolution, String duplicateOfId, String actor, Instant now, String reason) {
        moveClocks(m -> true, m -> m.settle(now));
        silenceDeadline = null;
        stateBeforeInfo = null;
        this.resolution = resolution;
        this.duplicateOf = duplicateOfId;
        move("CLOSE_" + resolution, CaseState.CLOSED, actor, now, reason);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Coordination: the lead adds projects and agrees the date; each project speaks for itself.
    // ---------------------------------------------------------------------------------------------------------------

    public void assign(Participant by, String maintainer, Instant now) {
        requireLead(by, "assign");
        requireOpen("assign");
        this.assignee = maintainer;
        this.updatedAt = now;
    }

    /** Sets the CWE ids ("CWE-79"); none clears them. */
    public void classify(Participant by, List<String> cweIds, Instant now) {
        if (cweIds != null && cweIds.stream().anyMatch(cwe -> cwe == null || !cwe.matches("CWE-[1-9][0-9]{0,5}"))) {
            throw CaseRefusal.of(CaseRefusal.Kind.INVALID_CWE, "CWE ids look like CWE-79.");
        }
        requireLead(by, "classify");
        requireOpen("classify");
        this.cweIds = cweIds == null || cweIds.isEmpty() ? null : String.join(",", cweIds);
        this.sealedCweIds = SealedColumns.stale();
        this.updatedAt = now;
    }

    /** Adds another hosted project (a partner) without clocks of its own. */
    public void addProject(Participant by, String projectId, String projectSlug, Instant now) {
        addProject(by, projectId, projectSlug, now, SlaPlan.none());
    }

    /**
     * Adds another hosted project (a partner) with the clocks of its own policy: acknowledge, assess and disclose start
     * now, and fix too when the case is already rated; they settle as its maintainers set its status. Refuses one
     * already on the case; only the lead adds.
     */
    public void addProject(Participant by, String projectId, String projectSlug, Instant now, SlaPlan plan) {
        requireLead(by, "add a project to");
        requireOpen("add a project to");
        if (projectId == null || projectSlug == null) {
            throw CaseRefusal.of(CaseRefusal.Kind.UNKNOWN_PROJECT, "No hosted project has this slug.");
        }
        if (affects(projectId)) {
            throw CaseRefusal.of(CaseRefusal.Kind.PROJECT_ALREADY_AFFECTED, "The project is already on the case.");
        }
        projects.add(new CaseProject(id, projectId, projectSlug, projects.size()));
        for (MilestoneKind kind : List.of(MilestoneKind.ACKNOWLEDGE, MilestoneKind.ASSESS, MilestoneKind.DISCLOSE)) {
            startClock(kind, null, now, plan, projectId, projectSlug);
        }
        if (severity != null && state != CaseState.ACKNOWLEDGED && state != CaseState.NEW) {
            startClock(MilestoneKind.FIX, severity, now, plan, projectId, projectSlug);
        }
        if (state == CaseState.NEEDS_INFO) {
            moveClocks(m -> m.belongsTo(projectId, this.projectId), m -> m.pause(now));
        }
        history.add(new HistoryEntry(id, history.size(), now, by.subject(), "ADD_PROJECT", state, state, projectSlug));
        updatedAt = now;
        events.add(new CaseProjectAdded(id, trackingId, projectSlugs(), now, by.subject(), projectSlug));
    }

    /** Starts each partner project's fix clock from its own policy's target for the case's severity. */
    public void startPartnerFixClocks(Instant now, Function<String, SlaPlan> plans) {
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

    /** Removes a partner project; the lead project stays. Returns the removed project's slug. */
    public String removeProject(Participant by, String projectSlug, Instant now) {
        requireLead(by, "remove a project from");
        requireOpen("remove a project from");
        CaseProject p = projects.stream().filter(x -> x.projectSlug().equals(projectSlug)).findFirst()
                .orElseThrow(() -> new CaseRefusal(CaseRefusal.Kind.NOT_YOUR_PROJECT, "remove"));
        if (p.projectId().equals(projectId)) {
            throw CaseRefusal.of(CaseRefusal.Kind.LEAD_PROJECT, "The lead project cannot be removed from its case.");
        }
        projects.remove(p);
        history.add(
                new HistoryEntry(id, history.size(), now, by.subject(), "REMOVE_PROJECT", state, state, projectSlug));
        updatedAt = now;
        return projectSlug;
    }

    /**
     * A project's own status, fixed versions and statement; only that project's members set them. A partner's answer
     * settles its own clocks: any status acknowledges, a finding assesses, fixed (or not affected) ends its fix clock.
     */
    public void updateProjectStatus(Participant by, String projectSlug, CaseProject.Status status, String fixedVersions,
            String statement, Instant now) {
        CaseProject p = ownProject(by, projectSlug, "update");
        requireOpen("update a project of");
        p.update(status, fixedVersions, statement);
        String partner = p.projectId();
        if (!partner.equals(this.projectId)) {
            settle(MilestoneKind.ACKNOWLEDGE, partner, now);
            if (status != CaseProject.Status.UNDER_INVESTIGATION) {
                settle(MilestoneKind.ASSESS, partner, now);
            }
            if (status == CaseProject.Status.FIXED || status == CaseProject.Status.NOT_AFFECTED) {
                settle(MilestoneKind.FIX, partner, now);
            }
        }
        updatedAt = now;
    }

    /** A project agrees to or objects to the proposed disclosure date; an objection holds publication back. */
    public void respondToDate(Participant by, String projectSlug, boolean agrees, String reason, Instant now) {
        CaseProject p = ownProject(by, projectSlug, "respond to the date of");
        requireOpen("respond to the disclosure date of");
        if (disclosureDate == null) {
            throw CaseRefusal.illegal(state, "respond to a disclosure date that is not proposed for");
        }
        p.respondToDate(agrees ? CaseProject.DateStance.AGREED : CaseProject.DateStance.OBJECTED);
        history.add(new HistoryEntry(id, history.size(), now, by.subject(),
                (agrees ? "DATE_AGREED_BY_" : "DATE_OBJECTED_BY_") + "PROJECT", state, state,
                reason == null || reason.isBlank() ? projectSlug : projectSlug + ": " + reason));
        updatedAt = now;
    }

    /**
     * The lead proposes a disclosure instant (date, hour and the time zone they are meant in), or accepts the
     * reporter's counter by proposing that same instant. Agreed at once when the policy does not ask for the reporter's
     * agreement.
     */
    public void proposeDisclosure(Participant by, LocalDate date, Instant now, boolean reporterAgrees,
            HeadsUpNotice notice) {
        proposeDisclosure(by, date.atStartOfDay(ZoneOffset.UTC), now, reporterAgrees, notice);
    }

    public void proposeDisclosure(Participant by, ZonedDateTime at, Instant now, boolean reporterAgrees,
            HeadsUpNotice notice) {
        requireLead(by, "schedule disclosure of");
        requireOpen("schedule disclosure of");
        boolean same = at.toInstant().equals(disclosureAt());
        if (same && disclosureStatus == DisclosureStatus.AGREED && headsUpAt != null) {
            return;
        }
        if (!same) {
            projects.forEach(p -> p.respondToDate(null));
        }
        if (disclosureStatus == DisclosureStatus.COUNTERED && same || !reporterAgrees) {
            disclose(at);
            agree(by.subject(), now, notice);
            return;
        }
        disclose(at);
        disclosureStatus = DisclosureStatus.PROPOSED;
        publishNotBefore = null;
        headsUpAt = null;
        updatedAt = now;
    }

    /**
     * PostgreSQL keeps microseconds (rounding the rest): an instant the scheduler compares with the stored one must not
     * carry more, or a tick at exactly that instant would find the stored value a rounding later than its own.
     */
    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private void disclose(ZonedDateTime at) {
        disclosureDate = at.toLocalDate();
        disclosureAt = at.toInstant();
        disclosureZone = at.getZone().getId();
    }

    /** The reporter agrees to the instant currently proposed. */
    public void reporterAgrees(Instant now, HeadsUpNotice notice) {
        requireOpen("agree disclosure of");
        if (disclosureDate == null || disclosureStatus != DisclosureStatus.PROPOSED) {
            throw CaseRefusal.illegal(state, "agree to a disclosure date that is not proposed for");
        }
        agree(null, now, notice);
    }

    /** The reporter proposes another date. */
    public void counterDisclosure(LocalDate date, Instant now) {
        counterDisclosure(date.atStartOfDay(ZoneOffset.UTC), now);
    }

    /** The reporter proposes another instant. */
    public void counterDisclosure(ZonedDateTime at, Instant now) {
        requireOpen("counter disclosure of");
        if (disclosureDate == null) {
            throw CaseRefusal.illegal(state, "counter a disclosure date that is not proposed for");
        }
        disclose(at);
        disclosureStatus = DisclosureStatus.COUNTERED;
        publishNotBefore = null;
        headsUpAt = null;
        projects.forEach(p -> p.respondToDate(null));
        updatedAt = now;
    }

    private void agree(String actor, Instant now, HeadsUpNotice notice) {
        disclosureStatus = DisclosureStatus.AGREED;
        agreedAt = now;
        headsUpDays = notice.days();
        headsUpAt = micros(notice.sentAt(disclosureAt(), now));
        publishNotBefore = micros(notice.publishNotBefore(disclosureAt(), now));
        updatedAt = now;
        events.add(new CaseDisclosureScheduled(id, trackingId, projectSlugs(), now, actor, disclosureDate,
                notice.days(), disclosureAt(), disclosureZone()));
    }

    @Override
    public void sealColumns(FieldCipher atRest) {
        if (SealedColumns.needsSealing(sealedCvssVector, cvssVector)) {
            sealedCvssVector = atRest.encrypt(cvssVector, boundTo(id, "cvss_vector"));
            legacyCvssVector = null;
        }
        if (SealedColumns.needsSealing(sealedCweIds, cweIds)) {
            sealedCweIds = atRest.encrypt(cweIds, boundTo(id, "cwe_ids"));
            legacyCweIds = null;
        }
    }

    @Override
    public void openColumns(FieldCipher atRest) {
        cvssVector = sealedCvssVector != null ? atRest.decrypt(sealedCvssVector, boundTo(id, "cvss_vector"))
                : legacyCvssVector;
        cweIds = sealedCweIds != null ? atRest.decrypt(sealedCweIds, boundTo(id, "cwe_ids")) : legacyCweIds;
    }

    /** Associated data binding a sealed field of this aggregate's row to it. */
    static String boundTo(String id, String field) {
        return "cases:" + id + ":" + field;
    }

    /**
     * Whether the case was published since this was last asked: the caller then appends {@code case.published}, whose
     * advisory it renders, after the events of {@link #takeEvents()}.
     */
    public boolean takePublished() {
        boolean was = published;
        published = false;
        return was;
    }

    /** The caller read version {@code expected} (when it says); refuses when the case changed since. */
    public void expectVersion(Long expected) {
        if (expected != null && expected != version) {
            throw CaseRefusal.concurrentEdit(version);
        }
    }

    /** Whether the participant maintains one of the case's projects (anyone else sees no case at all). */
    public boolean visibleTo(Participant by) {
        return by != null && projects.stream().anyMatch(p -> by.memberOf(p.projectId()));
    }

    /** The case's projects the participant maintains (their internal notes). */
    public Set<String> projectsOf(Participant by) {
        return Set.copyOf(projects.stream().map(CaseProject::projectId).filter(by::memberOf).toList());
    }

    /** The reporter replies: only while the case is open; a reply answers a request for information. */
    public void reporterReplied(Instant now) {
        requireOpen("reply to");
        if (state == CaseState.NEEDS_INFO) {
            reporterAnswered(now);
        }
    }

    /** Refuses the reporter's confirmation unless a fix is under way or done; the confirmation changes no state. */
    public void requireFixToConfirm() {
        if (state != CaseState.FIXED && state != CaseState.FIXING) {
            throw CaseRefusal.illegal(state, "confirm the fix of");
        }
    }

    /** Refuses a new credit preference once the advisory (and its credits) is out. */
    public void requireCreditChangeable() {
        if (state == CaseState.PUBLISHED) {
            throw CaseRefusal.illegal(state, "change the credit of");
        }
    }

    /**
     * The scheduler's warning for one clock, by the same rule as every other change of it: marked once, only when its
     * warning time came and it still runs; registers {@code sla.warning}.
     *
     * @return whether the clock was warned now
     */
    public boolean warnClock(String milestoneId, Instant now) {
        Milestone m = clock(milestoneId).orElse(null);
        if (m == null || !m.warn(now)) {
            return false;
        }
        events.add(new SlaWarning(m.id(), id, trackingId, slugOf(m), SlaMilestone.valueOf(m.kind().name()), m.dueAt(),
                now));
        return true;
    }

    /**
     * The scheduler's breach of one clock: once, only when due and still running; registers {@code sla.breached}.
     *
     * @return whether the clock breached now
     */
    public boolean breachClock(String milestoneId, Instant now) {
        Milestone m = clock(milestoneId).orElse(null);
        if (m == null || !m.isDue(now)) {
            return false;
        }
        Instant due = m.dueAt();
        moveClocks(m::equals, x -> x.breach(now));
        events.add(new SlaBreached(m.id(), id, trackingId, slugOf(m), SlaMilestone.valueOf(m.kind().name()), due, now));
        return true;
    }

    private Optional<Milestone> clock(String milestoneId) {
        return milestones.stream().filter(m -> m.id().equals(milestoneId)).findFirst();
    }

    /** A clock's own project; clocks from before per-project clocks are the lead's. */
    private String slugOf(Milestone m) {
        return m.projectSlug() == null ? projectSlug : m.projectSlug();
    }

    /** The events this aggregate's changes caused since they were last taken; the caller appends them to the outbox. */
    public List<LifecycleEvent> takeEvents() {
        List<LifecycleEvent> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private boolean isLead(Participant by) {
        return by != null && by.memberOf(projectId);
    }

    private void requireLead(Participant by, String action) {
        if (!isLead(by)) {
            throw new CaseRefusal(CaseRefusal.Kind.LEAD_ONLY, action);
        }
    }

    private void requireLeadOwner(Participant by, String action) {
        requireLead(by, action);
        if (!by.ownerOf(projectId)) {
            throw new CaseRefusal(CaseRefusal.Kind.LEAD_OWNER_ONLY, action);
        }
    }

    private CaseProject ownProject(Participant by, String projectSlug, String action) {
        return projects.stream().filter(p -> p.projectSlug().equals(projectSlug))
                .filter(p -> by != null && by.memberOf(p.projectId())).findFirst()
                .orElseThrow(() -> new CaseRefusal(CaseRefusal.Kind.NOT_YOUR_PROJECT, action));
    }

    /** Whether the participant is a member of the lead project (else a partner's member). */
    public boolean ledBy(Participant by) {
        return isLead(by);
    }

    /**
     * The workflow's steps and the states each may start from: the one table both the guards of the steps and
     * {@link #legalSteps()} read.
     */
    public enum Step {
        ACKNOWLEDGE("acknowledge", CaseState.NEW),
        REQUEST_INFO("request information on", CaseState.NEW, CaseState.ACKNOWLEDGED, CaseState.TRIAGED,
                CaseState.FIXING),
        RESUME("resume", CaseState.NEEDS_INFO), TRIAGE("triage", CaseState.ACKNOWLEDGED),
        START_FIX("start fixing", CaseState.TRIAGED), MARK_FIXED("mark fixed", CaseState.TRIAGED, CaseState.FIXING),
        PUBLISH("publish", PUBLISHABLE),
        CLOSE("close", CaseState.NEW, CaseState.ACKNOWLEDGED, CaseState.NEEDS_INFO, CaseState.TRIAGED,
                CaseState.FIXING),
        /** The reporter's own step, never a maintainer's. */
        WITHDRAW("withdraw", CaseState.OPEN.toArray(CaseState[]::new)),
        REOPEN("reopen", CaseState.CLOSED, CaseState.PUBLISHED);

        private final String words;
        private final Set<CaseState> from;

        Step(String words, CaseState... from) {
            this.words = words;
            this.from = Set.of(from);
        }

        public boolean allowedFrom(CaseState state) {
            return from.contains(state);
        }
    }

    /** The maintainers' steps the case's state allows now (the participant's role may still refuse some). */
    public List<Step> legalSteps() {
        return Arrays.stream(Step.values()).filter(s -> s != Step.WITHDRAW && s.allowedFrom(state)).toList();
    }

    private void require(Step step) {
        if (!step.allowedFrom(state)) {
            throw CaseRefusal.illegal(state, step.words);
        }
    }

    private void requireOpen(String action) {
        if (!state.isOpen()) {
            throw CaseRefusal.illegal(state, action);
        }
    }

    private void move(String action, CaseState to, String actor, Instant now, String reason) {
        history.add(new HistoryEntry(id, history.size(), now, actor, action, state, to, reason));
        state = to;
        updatedAt = now;
    }

    /** The workflow moves the lead project's clocks; partners' clocks follow their own status. */
    private void settle(MilestoneKind kind, Instant now) {
        settle(kind, projectId, now);
    }

    private void settle(MilestoneKind kind, String project, Instant now) {
        moveClocks(m -> m.kind() == kind && m.belongsTo(project, projectId), m -> m.settle(now));
    }

    private void startClock(MilestoneKind kind, Severity severity, Instant start, SlaPlan plan) {
        startClock(kind, severity, start, plan, projectId, projectSlug);
    }

    private void startClock(MilestoneKind kind, Severity severity, Instant start, SlaPlan plan, String project,
            String slug) {
        plan.due(kind, severity, start).ifPresent(due -> {
            milestones.add(new Milestone(kind, start, due, plan.warningFraction(), project, slug));
            clocksMoved();
        });
    }

    /** Every change of a clock goes through here (or {@link #startClock}), so the next open deadline follows it. */
    private void moveClocks(Predicate<Milestone> which, Consumer<Milestone> change) {
        milestones.stream().filter(which).forEach(change);
        clocksMoved();
    }

    /**
     * The one rule of the next open deadline: the earliest due of the clocks still running (neither settled nor
     * breached); a paused clock has no due date until it resumes. Null when no clock runs.
     */
    private void clocksMoved() {
        nextDueAt = milestones.stream().filter(Milestone::isRunning).map(Milestone::dueAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
    }

    /**
     * The case's next open deadline (see {@link #clocksMoved()}): the inbox's "next deadline first" order and its "due
     * within" filter.
     */
    public Instant nextDueAt() {
        return nextDueAt;
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
                : disclosureDate == null ? null : disclosureDate.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The time zone the disclosure date and hour were agreed in. */
    public String disclosureZone() {
        return disclosureZone != null ? disclosureZone : disclosureDate == null ? null : "UTC";
    }

    /** The earliest instant the agreed disclosure (and its heads-up notice) allows publication; null until agreed. */
    public Instant publishNotBefore() {
        return publishNotBefore;
    }

    /** Whether an override or the policy's deadline waived the "every project fixed" part of the guard. */
    public boolean publicationForced() {
        return publicationForced;
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
