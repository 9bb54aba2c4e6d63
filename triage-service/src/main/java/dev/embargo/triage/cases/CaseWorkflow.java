package dev.embargo.triage.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import dev.embargo.events.CaseMessagePosted;
import dev.embargo.events.ReportContent;
import dev.embargo.platform.outbox.Outbox;
import dev.embargo.triage.access.Participant;
import dev.embargo.triage.projects.Project;
import dev.embargo.triage.projects.ProjectPolicy;
import dev.embargo.triage.projects.Projects;
import dev.embargo.triage.sla.MilestoneKind;
import dev.embargo.triage.sla.Severity;
import dev.embargo.triage.sla.SlaPlan;

/**
 * The application service of cases: loads the case and authorises the caller once (404 unless they maintain one of its
 * projects, or hold the report token), asks the aggregate, which decides what the caller's role and the case's state
 * allow and registers the events, and appends those events to the outbox in the same transaction.
 */
@ApplicationScoped
public class CaseWorkflow {

    /** Workflow steps a maintainer can ask for. */
    public enum Action {
        ACKNOWLEDGE, REQUEST_INFO, RESUME, TRIAGE, START_FIX, MARK_FIXED, PUBLISH, CLOSE, REOPEN
    }

    /**
     * One requested step with what it needs. {@code expectedVersion} detects concurrent edits; {@code override} asks a
     * lead owner's override of the publication guard (with a reason).
     */
    public record Transition(Action action, String reason, Resolution resolution, String duplicateOf, String cvssVector,
            Severity severity, Long expectedVersion, boolean override) {
    }

    private final Cases cases;
    private final CaseAccess access;
    private final Projects projects;
    private final Outbox outbox;
    private final Sealing sealing;
    private final PublishedAdvisory advisory;
    private final DisclosureConfig disclosure;
    private final Clock clock;
    private final Validator validator;

    CaseWorkflow(Cases cases, CaseAccess access, Projects projects, Outbox outbox, Sealing sealing,
            PublishedAdvisory advisory, DisclosureConfig disclosure, Clock clock, Validator validator) {
        this.validator = validator;
        this.cases = cases;
        this.access = access;
        this.projects = projects;
        this.outbox = outbox;
        this.sealing = sealing;
        this.advisory = advisory;
        this.disclosure = disclosure;
        this.clock = clock;
    }

    /** A maintainer's step; the request is checked once the caller may see the case, so others only learn 404. */
    @Transactional
    public Case transition(String caseId, String actor, CaseApi.TransitionRequest request) {
        var m = access.maintainer(caseId, actor);
        var t = valid(request, new CaseApi.TransitionRequest(null, null, null, null, null, null, null, null));
        return transition(m.aCase(), m.by(), new Transition(t.action(), t.reason(), t.resolution(), t.duplicateOf(),
                t.cvssVector(), t.severity(), t.version(), Boolean.TRUE.equals(t.override())));
    }

    /** A step on a case already loaded for an authorised participant (a finding's one-step resolution). */
    Case transition(Case c, Participant by, Transition t) {
        c.expectVersion(t.expectedVersion());
        Instant now = clock.instant();
        if (t.override() && t.action() != Action.PUBLISH) {
            throw CaseRefusal.of(CaseRefusal.Kind.INVALID, "Only PUBLISH can be overridden.");
        }
        switch (t.action()) {
        case ACKNOWLEDGE -> c.acknowledge(by, now, t.reason());
        case REQUEST_INFO -> c.requestInfo(by, now, t.reason(), plan(c));
        case RESUME -> c.resume(by, now, t.reason());
        case TRIAGE -> {
            Rating r = Rating.of(t.cvssVector(), t.severity());
            c.triage(by, now, r.severity(), r.vector(), r.score(), plan(c), t.reason());
            c.startPartnerFixClocks(now, this::currentPlan);
        }
        case START_FIX -> c.startFix(by, now, t.reason());
        case MARK_FIXED -> c.markFixed(by, now, t.reason());
        case PUBLISH -> {
            if (t.override()) {
                c.overridePublication(by, now, t.reason(), notice(c));
            } else {
                c.publish(by, now, t.reason());
            }
        }
        case CLOSE -> {
            Case original = t.resolution() == Resolution.DUPLICATE ? duplicateOriginal(t.duplicateOf(), by) : null;
            c.close(by, now, t.resolution(), original == null ? null : original.id(),
                    original == null ? null : original.trackingId(), t.reason(), policy(c));
        }
        case REOPEN -> c.reopen(by, now, t.reason());
        }
        appendEvents(c, now);
        cases.flush();
        return c;
    }

    /** The case a duplicate names, if the caller can see it. */
    private Case duplicateOriginal(String caseId, Participant by) {
        return caseId == null ? null : cases.byId(caseId).filter(o -> o.visibleTo(by)).orElse(null);
    }

    /** Sets or changes the severity from a vector (or a plain severity) and the CWE ids, without moving the case. */
    @Transactional
    public Case rate(String caseId, String actor, String vector, Severity severity, List<String> cweIds,
            Long expectedVersion) {
        var m = access.maintainer(caseId, actor);
        Case c = m.aCase();
        c.expectVersion(expectedVersion);
        Instant now = clock.instant();
        if (vector != null || severity != null) {
            Rating r = Rating.of(vector, severity);
            c.rate(m.by(), r.severity(), r.vector(), r.score(), now);
        }
        if (cweIds != null) {
            c.classify(m.by(), cweIds, now);
        }
        if (vector == null && severity == null && cweIds == null) {
            // nothing to change, but still only the lead may ask
            c.rate(m.by(), c.severity(), c.cvssVector(), c.cvssScore(), now);
        }
        cases.flush();
        return c;
    }

    @Transactional
    public Case assign(String caseId, String actor, String assignee) {
        var m = access.maintainer(caseId, actor);
        Case c = m.aCase();
        if (assignee != null && c.projects().stream().noneMatch(p -> projects.isMember(p.projectId(), assignee))) {
            throw CaseRefusal.of(CaseRefusal.Kind.NOT_A_MAINTAINER,
                    "The assignee maintains none of the case's projects.");
        }
        c.assign(m.by(), assignee, clock.instant());
        cases.flush();
        return c;
    }

    /** A maintainer's message: to the reporter's thread, or an internal note of one of the caller's projects. */
    @Transactional
    public Message postAsMaintainer(String caseId, String actor, CaseApi.MessageRequest request) {
        var m = access.maintainer(caseId, actor);
        var r = valid(request, new CaseApi.MessageRequest(null, null, null));
        return postAsMaintainer(m.aCase(), m.by(), r.visibility(), r.projectSlug(), r.text());
    }

    Message postAsMaintainer(Case c, Participant by, Message.Visibility visibility, String projectSlug, String text) {
        String projectId = null;
        if (visibility == Message.Visibility.INTERNAL) {
            Set<String> mine = c.projectsOf(by);
            projectId = projectSlug == null && mine.size() == 1 ? mine.iterator().next()
                    : c.projects().stream().filter(p -> p.projectSlug().equals(projectSlug)).map(CaseProject::projectId)
                            .filter(mine::contains).findFirst()
                            .orElseThrow(() -> CaseRefusal.of(CaseRefusal.Kind.PROJECT_REQUIRED,
                                    "Internal notes belong to one of your projects on the case."));
        }
        return post(c, Message.AuthorKind.MAINTAINER, by.subject(), visibility, projectId, text, clock.instant());
    }

    /** The reporter's reply (the caller checked their token); it answers a request for information. */
    Message postAsReporter(Case c, String text) {
        Instant now = clock.instant();
        c.reporterReplied(now);
        return post(c, Message.AuthorKind.REPORTER, c.reporterSubject(), Message.Visibility.REPORTER, null, text, now);
    }

    /**
     * The reporter changes how they want to be credited (stored inside the encrypted content); the caller checked the
     * token first, so a wrong one learns nothing about the request's validity.
     */
    Case changeCredit(Case c, ReportContent.CreditPreference pref) {
        if (pref == null || pref.visibility() == null) {
            throw CaseRefusal.of(CaseRefusal.Kind.INVALID, "visibility is PUBLIC, ANONYMOUS or NONE.");
        }
        if (pref.visibility() == ReportContent.Visibility.PUBLIC && (pref.name() == null || pref.name().isBlank())) {
            throw CaseRefusal.of(CaseRefusal.Kind.INVALID, "A public credit needs a name.");
        }
        c.requireCreditChangeable();
        sealing.resealContent(c, sealing.content(c).withCredit(pref));
        return c;
    }

    /** The reporter confirms the fix works; recorded in the thread. */
    @Transactional
    public Case confirmFix(String trackingId, String token) {
        Case c = access.forReporter(trackingId, token);
        c.requireFixToConfirm();
        post(c, Message.AuthorKind.REPORTER, c.reporterSubject(), Message.Visibility.REPORTER, null,
                "The reporter confirmed the fix.", clock.instant());
        return c;
    }

    @Transactional
    public Case withdraw(String trackingId, String token) {
        Case c = access.forReporter(trackingId, token);
        Instant now = clock.instant();
        c.withdraw(now);
        appendEvents(c, now);
        return c;
    }

    @Transactional
    public Case addProject(String caseId, String actor, String projectSlug) {
        var m = access.maintainer(caseId, actor);
        Case c = m.aCase();
        Optional<Project> p = projects.bySlug(projectSlug == null ? "" : projectSlug);
        Instant now = clock.instant();
        // The added project's clocks come from its own current policy, not the lead's.
        c.addProject(m.by(), p.map(Project::id).orElse(null), p.map(Project::slug).orElse(null), now,
                p.map(x -> currentPlan(x.id())).orElseGet(SlaPlan::none));
        appendEvents(c, now);
        cases.flush();
        return c;
    }

    @Transactional
    public Case removeProject(String caseId, String actor, String projectSlug) {
        var m = access.maintainer(caseId, actor);
        m.aCase().removeProject(m.by(), projectSlug, clock.instant());
        cases.flush();
        return m.aCase();
    }

    /** Sets one project's own status; only its members may (the case refuses anyone else). */
    @Transactional
    public Case updateProjectStatus(String caseId, String actor, String projectSlug,
            CaseApi.ProjectStatusRequest request) {
        var m = access.maintainer(caseId, actor);
        var r = valid(request, new CaseApi.ProjectStatusRequest(null, null, null));
        m.aCase().updateProjectStatus(m.by(), projectSlug, r.status(), r.fixedVersions(), r.statement(),
                clock.instant());
        cases.flush();
        return m.aCase();
    }

    /** A project's members agree to or object to the proposed date. */
    @Transactional
    public Case respondToDate(String caseId, String actor, String projectSlug, CaseApi.DateStanceRequest request) {
        var m = access.maintainer(caseId, actor);
        var r = valid(request, new CaseApi.DateStanceRequest(null, null));
        m.aCase().respondToDate(m.by(), projectSlug, r.stance() == CaseApi.Stance.AGREE, r.reason(), clock.instant());
        cases.flush();
        return m.aCase();
    }

    /** The lead proposes a date; if the reporter countered, proposing that same date agrees to it. */
    @Transactional
    public Case proposeDisclosure(String caseId, String actor, LocalDate date) {
        return proposeDisclosure(caseId, actor, date, null, null);
    }

    /**
     * Maintainers propose a disclosure instant: date, hour (start of the day when absent) and time zone (the lead
     * project's policy zone, else UTC, when absent). Proposing the instant the reporter countered agrees to it.
     */
    @Transactional
    public Case proposeDisclosure(String caseId, String actor, LocalDate date, LocalTime time, String timeZone) {
        var m = access.maintainer(caseId, actor);
        Case c = m.aCase();
        Instant now = clock.instant();
        ZonedDateTime at = DisclosureInstant.of(date, time, timeZone, policyZone(c), now);
        c.proposeDisclosure(m.by(), at, now, policy(c).map(ProjectPolicy::agreeWithReporter).orElse(true), notice(c));
        appendEvents(c, now);
        cases.flush();
        return c;
    }

    @Transactional
    public Case reporterAcceptsDisclosure(String trackingId, String token) {
        Case c = access.forReporter(trackingId, token);
        Instant now = clock.instant();
        c.reporterAgrees(now, notice(c));
        appendEvents(c, now);
        return c;
    }

    @Transactional
    public Case reporterCountersDisclosure(String trackingId, String token, LocalDate date) {
        return reporterCountersDisclosure(trackingId, token, date, null, null);
    }

    /** The reporter proposes another instant (same defaults as the maintainers' proposal). */
    @Transactional
    public Case reporterCountersDisclosure(String trackingId, String token, LocalDate date, LocalTime time,
            String timeZone) {
        Case c = access.forReporter(trackingId, token);
        Instant now = clock.instant();
        c.counterDisclosure(DisclosureInstant.of(date, time, timeZone, policyZone(c), now), now);
        return c;
    }

    /** Closes a case whose reporter stayed silent past the policy's limit (the scheduler's job). */
    @Transactional
    public boolean closeIfSilent(String caseId, Instant now) {
        Case c = cases.byIdForUpdate(caseId).orElse(null);
        if (c == null || !c.closeIfSilent(now)) {
            return false;
        }
        appendEvents(c, now);
        return true;
    }

    /**
     * The scheduler's step for one case: at a passed disclosure deadline, schedules the disclosure only where every
     * unfixed project's policy opts into deadline-driven disclosure; publishes when the guard is met.
     */
    @Transactional
    public boolean publishIfDue(String caseId, Instant now) {
        Case c = cases.byIdForUpdate(caseId).orElse(null);
        if (c == null) {
            return false;
        }
        c.disclosureDeadlinePassed(now, projectsPublishingOnDeadline(c), notice(c));
        boolean published = c.publishIfDue(now);
        appendEvents(c, now);
        return published;
    }

    /**
     * The scheduler's warnings and breaches of the clocks it claimed, through the aggregate's own rule; returns the
     * kinds of the clocks that changed. Each claimed row is locked by the caller's transaction.
     */
    public List<MilestoneKind> markDueClocks(List<Cases.DueClock> claimed, Instant now, boolean breach) {
        List<MilestoneKind> changed = new ArrayList<>();
        for (Cases.DueClock due : claimed) {
            Case c = cases.byId(due.caseId()).orElse(null);
            if (c != null && (breach ? c.breachClock(due.milestoneId(), now) : c.warnClock(due.milestoneId(), now))) {
                appendEvents(c, now);
                c.milestones().stream().filter(m -> m.id().equals(due.milestoneId())).findFirst()
                        .ifPresent(m -> changed.add(m.kind()));
            }
        }
        return changed;
    }

    /** The platform's reminder in the reporter's thread (no author: it is the policy speaking, not a maintainer). */
    public Message remindReporter(Case c, String text) {
        return post(c, Message.AuthorKind.MAINTAINER, null, Message.Visibility.REPORTER, null, text, clock.instant());
    }

    /** The request's Bean Validation constraints, checked after authorisation; a missing body is an empty one. */
    private <T> T valid(T request, T empty) {
        T r = request == null ? empty : request;
        var violations = validator.validate(r);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return r;
    }

    /** The events the case registered, then {@code case.published} (with its advisory) when it was published. */
    private void appendEvents(Case c, Instant now) {
        c.takeEvents().forEach(outbox::append);
        if (c.takePublished()) {
            outbox.append(advisory.of(c, sealing.content(c), now));
        }
    }

    private Message post(Case c, Message.AuthorKind kind, String author, Message.Visibility visibility,
            String projectId, String text, Instant now) {
        Message m = new Message(c.id(), now, kind, author, visibility, projectId);
        sealing.seal(m, text);
        cases.add(m);
        String slug = projectId == null ? null : c.project(projectId).map(CaseProject::projectSlug).orElse(null);
        outbox.append(new CaseMessagePosted(c.id(), c.trackingId(), c.projectSlugs(), now, m.id(), visibility.name(),
                kind.name(), slug));
        return m;
    }

    /** The lead project's policy version the report was checked against. */
    private Optional<ProjectPolicy> policy(Case c) {
        return projects.policy(c.projectId(), c.policyVersion());
    }

    private String policyZone(Case c) {
        return policy(c).map(ProjectPolicy::timeZone).orElse(null);
    }

    private SlaPlan plan(Case c) {
        return policy(c).map(ProjectPolicy::sla).orElseGet(SlaPlan::none);
    }

    private SlaPlan currentPlan(String projectId) {
        return projects.currentPolicy(projectId).map(ProjectPolicy::sla).orElseGet(SlaPlan::none);
    }

    /** The policy a project speaks by on the case: the lead's checked version, a partner's latest. */
    private Optional<ProjectPolicy> policyOf(Case c, CaseProject p) {
        int version = p.projectId().equals(c.projectId()) ? c.policyVersion() : Integer.MAX_VALUE;
        return projects.policy(p.projectId(), version);
    }

    /** The longest heads-up any of the case's projects promises its subscribers. */
    private HeadsUpNotice notice(Case c) {
        int days = 0;
        for (CaseProject p : c.projects()) {
            days = Math.max(days, policyOf(c, p).map(ProjectPolicy::headsUpDays).orElse(0));
        }
        return new HeadsUpNotice(days, disclosure.headsUpMargin());
    }

    private Set<String> projectsPublishingOnDeadline(Case c) {
        Set<String> optedIn = new HashSet<>();
        for (CaseProject p : c.projects()) {
            if (policyOf(c, p).map(ProjectPolicy::publishesOnDeadline).orElse(false)) {
                optedIn.add(p.projectId());
            }
        }
        return optedIn;
    }
}
