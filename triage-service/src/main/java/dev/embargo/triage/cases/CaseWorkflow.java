package dev.embargo.triage.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import dev.embargo.triage.access.Participant;
import dev.embargo.triage.projects.Project;
import dev.embargo.triage.projects.ProjectPolicy;
import dev.embargo.triage.projects.Projects;
import dev.embargo.triage.sla.Severity;
import dev.embargo.triage.sla.SlaPlan;

/**
 * The maintainers' application service: loads the case and authorises the caller once (404 unless they maintain one of
 * its projects), checks the request, asks the aggregate, which decides what the caller's role and the case's state
 * allow and registers the events, and appends those events to the outbox in the same transaction. The reporter's steps
 * are {@link ReporterSteps}, the scheduler's {@link CaseClocks}.
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
    private final CasePolicies policies;
    private final CaseFacts facts;
    private final Clock clock;
    private final Validator validator;

    CaseWorkflow(Cases cases, CaseAccess access, Projects projects, CasePolicies policies, CaseFacts facts, Clock clock,
            Validator validator) {
        this.cases = cases;
        this.access = access;
        this.projects = projects;
        this.policies = policies;
        this.facts = facts;
        this.clock = clock;
        this.validator = validator;
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
        case REQUEST_INFO -> c.requestInfo(by, now, t.reason(), policies.plan(c));
        case RESUME -> c.resume(by, now, t.reason());
        case TRIAGE -> {
            Rating r = Rating.of(t.cvssVector(), t.severity());
            c.triage(by, now, r.severity(), r.vector(), r.score(), policies.plan(c), t.reason());
            c.startPartnerFixClocks(now, policies::currentPlan);
        }
        case START_FIX -> c.startFix(by, now, t.reason());
        case MARK_FIXED -> c.markFixed(by, now, t.reason());
        case PUBLISH -> {
            if (t.override()) {
                c.overridePublication(by, now, t.reason(), policies.notice(c));
            } else {
                c.publish(by, now, t.reason());
            }
        }
        case CLOSE -> {
            Case original = t.resolution() == Resolution.DUPLICATE ? duplicateOriginal(t.duplicateOf(), by) : null;
            c.close(by, now, t.resolution(), original == null ? null : original.id(),
                    original == null ? null : original.trackingId(), t.reason(), policies.policy(c));
        }
        case REOPEN -> c.reopen(by, now, t.reason());
        }
        facts.appendEvents(c, now);
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
        return facts.post(c, Message.AuthorKind.MAINTAINER, by.subject(), visibility, projectId, text, clock.instant());
    }

    @Transactional
    public Case addProject(String caseId, String actor, String projectSlug) {
        var m = access.maintainer(caseId, actor);
        Case c = m.aCase();
        Optional<Project> p = projects.bySlug(projectSlug == null ? "" : projectSlug);
        Instant now = clock.instant();
        // The added project's clocks come from its own current policy, not the lead's.
        c.addProject(m.by(), p.map(Project::id).orElse(null), p.map(Project::slug).orElse(null), now,
                p.map(x -> policies.currentPlan(x.id())).orElseGet(SlaPlan::none));
        facts.appendEvents(c, now);
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
        ZonedDateTime at = DisclosureInstant.of(date, time, timeZone, policies.policyZone(c), now);
        c.proposeDisclosure(m.by(), at, now, policies.policy(c).map(ProjectPolicy::agreeWithReporter).orElse(true),
                policies.notice(c));
        facts.appendEvents(c, now);
        cases.flush();
        return c;
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
}
