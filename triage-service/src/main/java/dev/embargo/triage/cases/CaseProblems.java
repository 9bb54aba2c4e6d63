package dev.embargo.triage.cases;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import dev.embargo.platform.problem.ProblemMappers;

/**
 * The one mapper of triage's refusals: each {@link CaseRefusal.Kind} answers with the problem type and status clients
 * have always seen for it. A role refusal is 403 (the caller sees the case, so hiding it would tell nothing); acting
 * for a project one is not a member of is the same 404 as a missing case; state and race refusals are 409.
 */
public class CaseProblems {

    @ServerExceptionMapper
    public Response refused(CaseRefusal e) {
        return ProblemMappers.respond(problem(e));
    }

    static Problem problem(CaseRefusal e) {
        return switch (e.kind()) {
        case ILLEGAL_TRANSITION -> Problem
                .of("illegal-transition", 409, "Conflict",
                        "The case is " + e.currentState() + "; it cannot " + e.action() + " it in that state.")
                .with("currentState", e.currentState().name());
        case LEAD_ONLY -> Problem.of("lead-project-only", 403, "Forbidden",
                "Only maintainers of the case's lead project may " + e.action() + " this case.");
        case LEAD_OWNER_ONLY -> Problem.of("lead-owner-only", 403, "Forbidden",
                "Only an owner of the case's lead project may " + e.action() + " this case.");
        case NOT_YOUR_PROJECT, NOT_FOUND -> ProblemException.notFound().problem();
        case PUBLICATION_BLOCKED -> {
            Problem p = Problem
                    .of("publication-blocked", 409, "Conflict",
                            "The case cannot be published yet: every affected project must be fixed or not affected,"
                                    + " the agreed date must have come and heads-up subscribers must have had"
                                    + " their notice; a lead owner may override with a reason.")
                    .with("blockers", e.blockers().stream().map(Enum::name).toList());
            yield e.notBefore() == null ? p : p.with("notBefore", e.notBefore().toString());
        }
        case CONCURRENT_EDIT -> Problem
                .of("concurrent-edit", 409, "Conflict", "The case changed since you read it; reload and retry.")
                .with("currentVersion", e.currentVersion());
        case INVALID -> badRequest("validation", e);
        case OVERRIDE_REASON_REQUIRED -> badRequest("override-reason-required", e);
        case INVALID_CVSS -> badRequest("invalid-cvss", e);
        case SEVERITY_REQUIRED -> badRequest("severity-required", e);
        case INVALID_CWE -> badRequest("invalid-cwe", e);
        case NOT_A_MAINTAINER -> badRequest("not-a-maintainer", e);
        case PROJECT_REQUIRED -> badRequest("project-required", e);
        case UNKNOWN_PROJECT -> badRequest("unknown-project", e);
        case UNKNOWN_DUPLICATE -> badRequest("unknown-duplicate", e);
        case INVALID_RESOLUTION -> badRequest("invalid-resolution", e);
        case INVALID_DATE -> badRequest("invalid-date", e);
        case INVALID_TIME_ZONE -> badRequest("invalid-time-zone", e);
        case PROJECT_ALREADY_AFFECTED -> conflict("project-already-affected", e);
        case LEAD_PROJECT -> conflict("lead-project", e);
        case PUBLIC_ROUTE_NOT_ALLOWED -> conflict("public-route-not-allowed", e);
        case FINDING_NOT_RESOLVABLE -> conflict("finding-not-resolvable", e);
        };
    }

    private static Problem badRequest(String type, CaseRefusal e) {
        return Problem.of(type, 400, "Bad request", e.detail());
    }

    private static Problem conflict(String type, CaseRefusal e) {
        return Problem.of(type, 409, "Conflict", e.detail());
    }

    @ServerExceptionMapper
    public Response concurrentEdit(OptimisticLockException e) {
        return ProblemMappers.respond(Problem.of("concurrent-edit", 409, "Conflict",
                "The case changed while you edited it; reload and retry."));
    }

    @ServerExceptionMapper
    public Response conflictingWrite(ConstraintViolationException e) {
        // Two edits of one case raced: both appended the same history position, and the loser's insert hit the
        // unique key before its version check could. Same answer as any other concurrent edit.
        return concurrentEdit(null);
    }
}
