package dev.embargo.triage.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.embargo.events.CaseMessagePosted;
import dev.embargo.events.SecurityPolicy;
import dev.embargo.platform.outbox.Outbox;
import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import dev.embargo.triage.advisory.Publication;
import dev.embargo.triage.projects.Project;
import dev.embargo.triage.projects.Projects;
import dev.embargo.triage.sla.PolicySlaPlan;

/**
 * The application service of cases: loads the case (404 unless the caller is a member of one of its projects), asks the
 * aggregate, which decides what the caller's role allows and registers the events, and appends those events to the
 * outbox in the same transaction.
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
    private final Publication publication;
    private final DisclosureConfig disclosure;
    private final Clock clock;

    CaseWorkflow(Cases cases, CaseAccess access, Projects projects, Outbox outbox, Sealing sealing,
            Publication publication, DisclosureConfig disclosure, Clock clock) {
        this.cases = cases;
        this.access = access;
        this.projects = projects;
        this.outbox = outbox;
        this.sealing = sealing;
        this.publication = publication;
        this.disclosure = disclosure;
        this.clock = clock;
    }

    @Transactional
    public Case transition(String caseId, String actor, Transition t) {
        Case c = access.forMaintainer(caseId, actor);
        Participant by = access.participant(actor);
        checkVersion(c, t.expectedVersion());
        Instant now = clock.instant();
        if (t.action() == null) {
            throw ProblemException.badRequest("validation", "An action is required.");
        }
        if (t.override() && t.action() != Action.PUBLISH) {
            throw ProblemException.badRequest("validation", "Only PUBLISH can be overridden.");
        }
        switch (t.action()) {
        case ACKNOWLEDGE -> c.acknowledge(by, now, t.reason());
        case REQUEST_INFO -> c.requestInfo(by, now, t.reason(), plan(c));
        case RESUME -> c.resume(by, now, t.reason());
        case TRIAGE -> {
            Rated r = rated(t.cvssVector(), t.severity());
            c.triage(by, now, r.severity(), r.vector(), r.score(), plan(c), t.reason());
            c.startPartnerFixClocks(now, this::currentPlan);
        }
        case START_FIX -> c.startFix(by, now, t.reason());
        case MARK_FIXED -> c.markFixed(by, now, t.reason());
        case PUBLISH -> {
            if (t.override()) {
                if (t.reason() == null || t.reason().isBlank() || t.reason().length() > 2000) {
                    throw ProblemException.badRequest("override-reason-required",
                            "An override of the publication guard needs a reason of 1 to 2000 characters.");
                }
                boolean publishedNow = c.overridePublication(by, now, t.reason(), notice(c));
                appendEvents(c);
                if (publishedNow) {
                    outbox.append(publication.published(c, sealing.content(c), now));
                }
            } else {
                c.publish(by, now, t.reason());
                appendEvents(c);
                outbox.append(publication.published(c, sealing.content(c), now));
            }
        }
        case CLOSE -> close(c, by, now, t);
        case REOPEN -> c.reopen(by, now, t.reason());
        }
        appendEvents(c);
        cases.flush();
        return c;
    }

    /** Sets or changes the severity from a vector (or a plain severity) and the CWE ids, without moving the case. */
    @Transactional
    public Case rate(String caseId, String actor, String vector, Severity severity, List<String> cweIds,
            Long expectedVersion) {
        Case c = access.forMaintainer(caseId, actor);
        Participant by = access.participant(actor);
        checkVersion(c, expectedVersion);
        Instant now = clock.instant();
        if (vector != null || severity != null) {
            Rated r = rated(vector, severity);
            c.rate(by, r.severity(), r.vector(), r.score(), now);
        }
        if (cweIds != null) {
            for (String cwe : cweIds) {
                if (cwe == null || !cwe.matches("CWE-[1-9][0-9]{0,5}")) {
                    throw ProblemException.badRequest("invalid-cwe", "CWE ids look like CWE-79.");
                }
            }
            c.classify(by, cweIds, now);
        }
        if (vector == null && severity == null && cweIds == null) {
            // nothing to change, but still only the lead may ask
            c.rate(by, c.severity(), c.cvssVector(), c.cvssScore(), now);
        }
        cases.flush();
        return c;
    }

    @Transactional
    public Case assign(String caseId, String actor, String assignee) {
        Case c = access.forMaintainer(caseId, actor);
        if (assignee != null && c.projects().stream().noneMatch(p -> projects.isMember(p.projectId(), assignee))) {
            throw ProblemException.badRequest("not-a-maintainer",
                    "The assignee maintains none of the case's projects.");
        }
        c.assign(access.participant(actor), assignee, clock.instant());
        cases.flush();
        return c;
    }

    /** A maintainer's message: to the reporter's thread, or an internal note of one of the caller's projects. */
    @Transactional
    public Message postAsMaintainer(String caseId, String actor, Message.Visibility visibility, String projectSlug,
            String text) {
        Case c = access.forMaintainer(caseId, actor);
        requireText(text);
        String projectId = null;
        if (visibility == Message.Visibility.INTERNAL) {
            var mine = access.memberProjects(c, actor);
            projectId = projectSlug == null && mine.size() == 1 ? mine.iterator().next()
                    : c.projects().stream().filter(p -> p.projectSlug().equals(projectSlug)).map(CaseProject::projectId)
                            .filter(mine::contains).findFirst()
                            .orElseThrow(() -> ProblemException.badRequest("project-required",
                                    "Internal notes belong to one of your projects on the case."));
        }
        return post(c, Message.AuthorKind.MAINTAINER, actor, visibility, projectId, text);
    }

    /** The reporter's reply; it answers a request for information, so the clocks resume. */
    @Transactional
    public Message postAsReporter(String trackingId, String token, String text) {
        Case c = access.forReporter(trackingId, token);
        requireText(text);
        if (!c.state().isOpen()) {
            throw new IllegalTransitionException(c.state(), "reply to");
        }
        Message m = post(c, Message.AuthorKind.REPORTER, c.reporterSubject(), Message.Visibility.REPORTER, null, text);
        if (c.state() == CaseState.NEEDS_INFO) {
            c.reporterAnswered(m.postedAt());
        }
        return m;
    }

    /** The reporter changes how they want to be credited (stored inside the encrypted content). */
    @Transactional
    public Case changeCredit(String trackingId, String token, dev.embargo.events.ReportContent.CreditPreference pref) {
        Case c = access.forReporter(trackingId, token);
        if (pref == null || pref.visibility() == null) {
            throw ProblemException.badRequest("validation", "visibility is PUBLIC, ANONYMOUS or NONE.");
        }
        if (pref.visibility() == dev.embargo.events.ReportContent.Visibility.PUBLIC
                && (pref.name() == null || pref.name().isBlank())) {
            throw ProblemException.badRequest("validation", "A public credit needs a name.");
        }
        if (c.state() == CaseState.PUBLISHED) {
            throw new IllegalTransitionException(c.state(), "change the credit of");
        }
        sealing.resealContent(c, sealing.content(c).withCredit(pref));
        return c;
    }

    /** The reporter confirms the fix works; recorded in the thread. */
    @Transactional
    public Message confirmFix(String trackingId, String token) {
        Case c = access.forReporter(trackingId, token);
        if (c.state() != CaseState.FIXED && c.state() != CaseState.FIXING) {
            throw new IllegalTransitionException(c.state(), "confirm the fix of");
        }
        return post(c, Message.AuthorKind.REPORTER, c.reporterSubject(), Message.Visibility.REPORTER, null,
                "The reporter confirmed the fix.");
    }

    @Transactional
    public Case withdraw(String trackingId, String token) {
        Case c = access.forReporter(trackingId, token);
        c.withdraw(clock.instant());
        appendEvents(c);
        return c;
    }

    @Transactional
    public Case addProject(String caseId, String actor, String projectSlug) {
        Case c = access.forMaintainer(caseId, actor);
        Participant by = access.participant(actor);
        Optional<Project> p = projects.bySlug(projectSlug == null ? "" : projectSlug);
        try {
            // The added project's clocks come from its own current policy, not the lead's.
            c.addProject(by, p.map(Project::id).orElse(null), p.map(Project::slug).orElse(null), clock.instant(),
                    p.map(x -> currentPlan(x.id())).orElseGet(SlaPlan::none));
        } catch (IllegalArgumentException unknown) {
            throw ProblemException.badRequest("unknown-project", "No hosted project has this slug.");
        } catch (IllegalStateException already) {
            throw ProblemException.conflict("project-already-affected", "The project is already on the case.");
        }
        appendEvents(c);
        cases.flush();
        return c;
    }

    @Transactional
    public Case removeProject(String caseId, String actor, String projectSlug) {
        Case c = access.forMaintainer(caseId, actor);
        try {
            c.removeProject(access.participant(actor), projectSlug, clock.instant());
        } catch (IllegalArgumentException lead) {
            throw ProblemException.conflict("lead-project", "The lead project cannot be removed from its case.");
        }
        cases.flush();
        return c;
    }

    /** Sets one project's own status; only its members may (the case refuses anyone else). */
    @Transactional
    public Case updateProjectStatus(String caseId, String actor, String projectSlug, CaseProject.Status status,
            String fixedVersions, String statement) {
        Case c = access.forMaintainer(caseId, actor);
        if (status == null) {
            throw ProblemException.badRequest("validation", "A status is required.");
        }
        if (fixedVersions != null && fixedVersions.length() > 500 || statement != null && statement.length() > 4000) {
            throw ProblemException.badRequest("validation",
                    "fixedVersions has at most 500 characters, statement at most 4000.");
        }
        c.updateProjectStatus(access.participant(actor), projectSlug, status, fixedVersions, statement,
                clock.instant());
        cases.flush();
        return c;
    }

    /** A project's members agree to or object to the proposed date. */
    @Transactional
    public Case respondToDate(String caseId, String actor, String projectSlug, Boolean agrees, String reason) {
        Case c = access.forMaintainer(caseId, actor);
        if (agrees == null) {
            throw ProblemException.badRequest("validation", "stance is AGREE or OBJECT.");
        }
        if (reason != null && reason.length() > 2000) {
            throw ProblemException.badRequest("validation", "A reason has at most 2000 characters.");
        }
        c.respondToDate(access.participant(actor), projectSlug, agrees, reason, clock.instant());
        cases.flush();
        return c;
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
    public Case proposeDisclosure(String caseId, String actor, LocalDate date, java.time.LocalTime time,
            String timeZone) {
        Case c = access.forMaintainer(caseId, actor);
        Participant by = access.participant(actor);
        Instant now = clock.instant();
        java.time.ZonedDateTime at = DisclosureInstant.of(date, time, timeZone, policyZone(c), now);
        c.proposeDisclosure(by, at, now, agreeWithReporter(c), notice(c));
        appendEvents(c);
        cases.flush();
        return c;
    }

    @Transactional
    public Case reporterAcceptsDisclosure(String trackingId, String token) {
        Case c = access.forReporter(trackingId, token);
        c.reporterAgrees(clock.instant(), notice(c));
        appendEvents(c);
        return c;
    }

    @Transactional
    public Case reporterCountersDisclosure(String trackingId, String token, LocalDate date) {
        return reporterCountersDisclosure(trackingId, token, date, null, null);
    }

    /** The reporter proposes another instant (same defaults as the maintainers' proposal). */
    @Transactional
    public Case reporterCountersDisclosure(String trackingId, String token, LocalDate date, java.time.LocalTime time,
            String timeZone) {
        Case c = access.forReporter(trackingId, token);
        Instant now = clock.instant();
        c.counterDisclosure(DisclosureInstant.of(date, time, timeZone, policyZone(c), now), now);
        return c;
    }

    private String policyZone(Case c) {
        return projects.policy(c.projectId(), c.policyVersion()).map(SecurityPolicy::sla)
                .map(SecurityPolicy.Sla::timeZone).orElse(null);
    }

    /** Closes a case whose reporter stayed silent past the policy's limit (the scheduler's job). */
    @Transactional
    public boolean closeIfSilent(String caseId, Instant now) {
        Case c = cases.byIdForUpdate(caseId).orElse(null);
        if (c == null || !c.closeIfSilent(now)) {
            return false;
        }
        appendEvents(c);
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
        appendEvents(c);
        if (published) {
            outbox.append(publication.published(c, sealing.content(c), now));
        }
        return published;
    }

    private void close(Case c, Participant by, Instant now, Transition t) {
        if (t.resolution() == null || t.resolution() == Resolution.WITHDRAWN) {
            throw ProblemException.badRequest("invalid-resolution",
                    "Closing needs a resolution other than WITHDRAWN (which is the reporter's).");
        }
        String reason = t.reason();
        if (t.resolution() == Resolution.MOVED_PUBLIC) {
            var route = projects.policy(c.projectId(), c.policyVersion()).orElse(null);
            var refusal = PublicRouteRule.refusal(route, c.severity());
            if (refusal.isPresent()) {
                throw ProblemException.conflict("public-route-not-allowed", refusal.get());
            }
            if (reason == null || reason.isBlank()) {
                reason = PublicRouteRule.statement(route).orElse(null);
            }
        }
        String duplicateTracking = null;
        if (t.resolution() == Resolution.DUPLICATE) {
            Case original;
            try {
                original = t.duplicateOf() == null ? null : access.forMaintainer(t.duplicateOf(), by.subject());
            } catch (ProblemException notVisible) {
                original = null;
            }
            if (original == null || original.id().equals(c.id())) {
                throw ProblemException.badRequest("unknown-duplicate",
                        "A duplicate must name another case you can see.");
            }
            duplicateTracking = original.trackingId();
        }
        c.close(by, now, t.resolution(), t.resolution() == Resolution.DUPLICATE ? t.duplicateOf() : null,
                duplicateTracking, reason);
    }

    private void appendEvents(Case c) {
        c.takeEvents().forEach(outbox::append);
    }

    /** The platform's reminder in the reporter's thread (no author: it is the policy speaking, not a maintainer). */
    public Message remindReporter(Case c, String text) {
        return post(c, Message.AuthorKind.MAINTAINER, null, Message.Visibility.REPORTER, null, text);
    }

    private Message post(Case c, Message.AuthorKind kind, String author, Message.Visibility visibility,
            String projectId, String text) {
        Instant now = clock.instant();
        Message m = new Message(c.id(), now, kind, author, visibility, projectId);
        sealing.seal(m, text);
        cases.add(m);
        String slug = projectId == null ? null : c.project(projectId).map(CaseProject::projectSlug).orElse(null);
        outbox.append(new CaseMessagePosted(c.id(), c.trackingId(), c.projectSlugs(), now, m.id(),
                CaseMessagePosted.Visibility.valueOf(visibility.name()),
                CaseMessagePosted.AuthorKind.valueOf(kind.name()), slug));
        return m;
    }

    private SlaPlan currentPlan(String projectId) {
        return projects.currentPolicy(projectId).<SlaPlan> map(PolicySlaPlan::new).orElseGet(SlaPlan::none);
    }

    /** The longest heads-up any of the case's projects promises its subscribers. */
    private HeadsUpNotice notice(Case c) {
        int days = 0;
        for (CaseProject p : c.projects()) {
            int version = p.projectId().equals(c.projectId()) ? c.policyVersion() : Integer.MAX_VALUE;
            days = Math.max(days, policyOf(p.projectId(), version).map(SecurityPolicy::disclosure)
                    .map(SecurityPolicy.Disclosure::headsUpDays).orElse(0));
        }
        return new HeadsUpNotice(days, disclosure.headsUpMargin());
    }

    private Set<String> projectsPublishingOnDeadline(Case c) {
        Set<String> optedIn = new HashSet<>();
        for (CaseProject p : c.projects()) {
            int version = p.projectId().equals(c.projectId()) ? c.policyVersion() : Integer.MAX_VALUE;
            if (policyOf(p.projectId(), version).map(SecurityPolicy::disclosure)
                    .map(SecurityPolicy.Disclosure::publishesOnDeadline).orElse(false)) {
                optedIn.add(p.projectId());
            }
        }
        return optedIn;
    }

    /** The policy version a report was checked against; for a partner project, its latest one. */
    private Optional<SecurityPolicy> policyOf(String projectId, int version) {
        return projects.policy(projectId, version);
    }

    private boolean agreeWithReporter(Case c) {
        return projects.policy(c.projectId(), c.policyVersion()).map(SecurityPolicy::disclosure)
                .map(SecurityPolicy.Disclosure::agreeWithReporter).orElse(true);
    }

    private SlaPlan plan(Case c) {
        return projects.policy(c.projectId(), c.policyVersion()).<SlaPlan> map(PolicySlaPlan::new)
                .orElseGet(SlaPlan::none);
    }

    private static void checkVersion(Case c, Long expected) {
        if (expected != null && expected != c.version()) {
            throw new ProblemException(Problem
                    .of("concurrent-edit", 409, "Conflict", "The case changed since you read it; reload and retry.")
                    .with("currentVersion", c.version()));
        }
    }

    private static void requireText(String text) {
        if (text == null || text.isBlank() || text.length() > 20_000) {
            throw ProblemException.badRequest("validation", "A message needs 1 to 20000 characters.");
        }
    }

    private record Rated(Severity severity, String vector, Double score) {
    }

    private static Rated rated(String vector, Severity severity) {
        if (vector != null) {
            try {
                CvssRating r = CvssRating.of(vector);
                return new Rated(r.severity(), r.vector(), r.score());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid-cvss", "The vector is not a valid CVSS 3.1 or 4.0 vector.");
            }
        }
        if (severity == null) {
            throw ProblemException.badRequest("severity-required", "Triage needs a CVSS vector or a severity.");
        }
        return new Rated(severity, null, null);
    }
}
