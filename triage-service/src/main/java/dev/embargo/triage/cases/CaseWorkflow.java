package dev.embargo.triage.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.embargo.events.CaseAcknowledged;
import dev.embargo.events.CaseClosed;
import dev.embargo.events.CaseDisclosureScheduled;
import dev.embargo.events.CaseFixed;
import dev.embargo.events.CaseMessagePosted;
import dev.embargo.events.CaseNeedsInfo;
import dev.embargo.events.CaseProjectAdded;
import dev.embargo.events.CaseReopened;
import dev.embargo.events.CaseTriaged;
import dev.embargo.events.SecurityPolicy;
import dev.embargo.platform.outbox.Outbox;
import dev.embargo.platform.problem.ProblemException;
import dev.embargo.triage.advisory.Publication;
import dev.embargo.triage.projects.Project;
import dev.embargo.triage.projects.Projects;
import dev.embargo.triage.sla.PolicySlaPlan;

/**
 * Carries out workflow commands on a case: calls the aggregate's guarded method and appends the resulting event to the
 * outbox in the same transaction.
 */
@ApplicationScoped
public class CaseWorkflow {

    /** Workflow steps a maintainer can ask for. */
    public enum Action {
        ACKNOWLEDGE, REQUEST_INFO, RESUME, TRIAGE, START_FIX, MARK_FIXED, PUBLISH, CLOSE, REOPEN
    }

    /** One requested step with what it needs. {@code expectedVersion} detects concurrent edits. */
    public record Transition(Action action, String reason, Resolution resolution, String duplicateOf, String cvssVector,
            Severity severity, Long expectedVersion) {
    }

    private final Cases cases;
    private final CaseAccess access;
    private final Projects projects;
    private final Outbox outbox;
    private final Sealing sealing;
    private final Publication publication;
    private final Clock clock;

    CaseWorkflow(Cases cases, CaseAccess access, Projects projects, Outbox outbox, Sealing sealing,
            Publication publication, Clock clock) {
        this.cases = cases;
        this.access = access;
        this.projects = projects;
        this.outbox = outbox;
        this.sealing = sealing;
        this.publication = publication;
        this.clock = clock;
    }

    @Transactional
    public Case transition(String caseId, String actor, Transition t) {
        Case c = access.forMaintainer(caseId, actor);
        checkVersion(c, t.expectedVersion());
        Instant now = clock.instant();
        if (t.action() == null) {
            throw ProblemException.badRequest("validation", "An action is required.");
        }
        switch (t.action()) {
        case ACKNOWLEDGE -> {
            c.acknowledge(actor, now, t.reason());
            outbox.append(new CaseAcknowledged(c.id(), c.trackingId(), c.projectSlugs(), now, actor));
        }
        case REQUEST_INFO -> {
            c.requestInfo(actor, now, t.reason(), plan(c));
            outbox.append(new CaseNeedsInfo(c.id(), c.trackingId(), c.projectSlugs(), now, actor));
        }
        case RESUME -> c.resumeFromNeedsInfo(actor, now, t.reason());
        case TRIAGE -> {
            Rated r = rated(t.cvssVector(), t.severity());
            c.triage(actor, now, r.severity(), r.vector(), r.score(), plan(c), t.reason());
            c.startPartnerFixClocks(now, this::currentPlan);
            outbox.append(new CaseTriaged(c.id(), c.trackingId(), c.projectSlugs(), now, actor, r.severity().name(),
                    r.score()));
        }
        case START_FIX -> c.startFix(actor, now, t.reason());
        case MARK_FIXED -> {
            c.markFixed(actor, now, t.reason());
            outbox.append(new CaseFixed(c.id(), c.trackingId(), c.projectSlugs(), now, actor));
        }
        case PUBLISH -> publish(c, actor, now, t.reason());
        case CLOSE -> close(c, actor, now, t);
        case REOPEN -> {
            c.reopen(actor, now, t.reason());
            outbox.append(new CaseReopened(c.id(), c.trackingId(), c.projectSlugs(), now, actor));
        }
        }
        cases.flush();
        return c;
    }

    /** Sets or changes the severity from a vector (or a plain severity) and the CWE ids, without moving the case. */
    @Transactional
    public Case rate(String caseId, String actor, String vector, Severity severity, List<String> cweIds,
            Long expectedVersion) {
        Case c = access.forMaintainer(caseId, actor);
        checkVersion(c, expectedVersion);
        if (!c.state().isOpen()) {
            throw new IllegalTransitionException(c.state(), "rate");
        }
        if (vector != null || severity != null) {
            Rated r = rated(vector, severity);
            c.rate(r.severity(), r.vector(), r.score());
        }
        if (cweIds != null) {
            for (String cwe : cweIds) {
                if (cwe == null || !cwe.matches("CWE-[1-9][0-9]{0,5}")) {
                    throw ProblemException.badRequest("invalid-cwe", "CWE ids look like CWE-79.");
                }
            }
            c.classify(cweIds, clock.instant());
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
        c.assign(assignee, clock.instant());
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
            c.resumeFromNeedsInfo(null, m.postedAt());
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
        Instant now = clock.instant();
        c.withdraw(null, now);
        outbox.append(
                new CaseClosed(c.id(), c.trackingId(), c.projectSlugs(), now, null, Resolution.WITHDRAWN.name(), null));
        return c;
    }

    @Transactional
    public Case addProject(String caseId, String actor, String projectSlug) {
        Case c = access.forMaintainer(caseId, actor);
        Project p = projects.bySlug(projectSlug == null ? "" : projectSlug)
                .orElseThrow(() -> ProblemException.badRequest("unknown-project", "No hosted project has this slug."));
        if (c.affects(p.id())) {
            throw ProblemException.conflict("project-already-affected", "The project is already on the case.");
        }
        Instant now = clock.instant();
        // The added project's clocks come from its own current policy, not the lead's.
        c.addProject(p.id(), p.slug(), now, currentPlan(p.id()));
        outbox.append(new CaseProjectAdded(c.id(), c.trackingId(), c.projectSlugs(), now, actor, p.slug()));
        cases.flush();
        return c;
    }

    /** Sets one project's own status; only its maintainers may. */
    @Transactional
    public Case updateProjectStatus(String caseId, String actor, String projectSlug, CaseProject.Status status,
            String fixedVersions, String statement) {
        Case c = access.forMaintainer(caseId, actor);
        var project = c.projects().stream().filter(p -> p.projectSlug().equals(projectSlug)).findFirst()
                .filter(p -> projects.isMember(p.projectId(), actor)).orElseThrow(ProblemException::notFound);
        if (status == null) {
            throw ProblemException.badRequest("validation", "A status is required.");
        }
        c.updateProjectStatus(project.projectId(), status, fixedVersions, statement, clock.instant());
        cases.flush();
        return c;
    }

    /** Maintainers propose a date; if the reporter countered, proposing that same date agrees to it. */
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
        Instant now = clock.instant();
        java.time.ZonedDateTime at = DisclosureInstant.of(date, time, timeZone, policyZone(c), now);
        if (c.disclosureStatus() == Case.DisclosureStatus.COUNTERED && at.toInstant().equals(c.disclosureAt())) {
            agreed(c, actor, now);
        } else {
            c.proposeDisclosure(at, now);
            if (!agreeWithReporter(c)) {
                agreed(c, actor, now);
            }
        }
        cases.flush();
        return c;
    }

    @Transactional
    public Case reporterAcceptsDisclosure(String trackingId, String token) {
        Case c = access.forReporter(trackingId, token);
        if (c.disclosureStatus() != Case.DisclosureStatus.PROPOSED) {
            throw new IllegalTransitionException(c.state(), "accept a date that was not proposed for");
        }
        agreed(c, null, clock.instant());
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

    /** Publishes the case and emits {@code case.published} with its advisory and consented credits. */
    public void publish(Case c, String actor, Instant now, String reason) {
        c.publish(actor, now, reason);
        outbox.append(publication.published(c, sealing.content(c), now));
    }

    private void agreed(Case c, String actor, Instant now) {
        LocalDate date = c.agreeDisclosure(now);
        Integer headsUp = projects.policy(c.projectId(), c.policyVersion()).map(SecurityPolicy::disclosure)
                .map(SecurityPolicy.Disclosure::headsUpDays).orElse(null);
        outbox.append(new CaseDisclosureScheduled(c.id(), c.trackingId(), c.projectSlugs(), now, actor, date, headsUp,
                c.disclosureAt(), c.disclosureZone()));
    }

    private boolean agreeWithReporter(Case c) {
        return projects.policy(c.projectId(), c.policyVersion()).map(SecurityPolicy::disclosure)
                .map(SecurityPolicy.Disclosure::agreeWithReporter).orElse(true);
    }

    private void close(Case c, String actor, Instant now, Transition t) {
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
                original = t.duplicateOf() == null ? null : access.forMaintainer(t.duplicateOf(), actor);
            } catch (ProblemException notVisible) {
                original = null;
            }
            if (original == null || original.id().equals(c.id())) {
                throw ProblemException.badRequest("unknown-duplicate",
                        "A duplicate must name another case you can see.");
            }
            duplicateTracking = original.trackingId();
        }
        c.close(actor, now, t.resolution(), t.resolution() == Resolution.DUPLICATE ? t.duplicateOf() : null, reason);
        outbox.append(new CaseClosed(c.id(), c.trackingId(), c.projectSlugs(), now, actor, t.resolution().name(),
                duplicateTracking));
    }

    /** Closes a case whose reporter stayed silent past the policy's limit (the scheduler's job). */
    @Transactional
    public boolean closeIfSilent(String caseId, Instant now) {
        Case c = cases.byIdForUpdate(caseId).orElse(null);
        if (c == null || !c.silentSince(now)) {
            return false;
        }
        c.close(null, now, Resolution.INFORMATIVE, null, "no answer from the reporter within the policy's limit");
        outbox.append(new CaseClosed(c.id(), c.trackingId(), c.projectSlugs(), now, null, Resolution.INFORMATIVE.name(),
                null));
        return true;
    }

    /** Publishes a case whose publication is due (agreed date, all fixed and agreed, or the policy deadline). */
    @Transactional
    public boolean publishIfDue(String caseId, Instant now) {
        Case c = cases.byIdForUpdate(caseId).orElse(null);
        if (c == null || !c.publicationDue(LocalDate.ofInstant(now, java.time.ZoneOffset.UTC), now)) {
            return false;
        }
        publish(c, null, now, "publication due under the agreed date or the policy's deadline");
        return true;
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
        outbox.append(new CaseMessagePosted(c.id(), c.trackingId(), c.projectSlugs(), now, m.id(), visibility.name(),
                kind.name(), slug));
        return m;
    }

    private SlaPlan currentPlan(String projectId) {
        return projects.currentPolicy(projectId).<SlaPlan> map(PolicySlaPlan::new).orElseGet(SlaPlan::none);
    }

    private SlaPlan plan(Case c) {
        return projects.policy(c.projectId(), c.policyVersion()).<SlaPlan> map(PolicySlaPlan::new)
                .orElseGet(SlaPlan::none);
    }

    private static void checkVersion(Case c, Long expected) {
        if (expected != null && expected != c.version()) {
            throw new ProblemException(dev.embargo.platform.problem.Problem
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
