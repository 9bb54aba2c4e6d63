package dev.embargo.triage.cases;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import dev.embargo.platform.problem.ProblemMappers;

/** Workflow refusals as 409 problems: an illegal transition names the current state; a lost race says reload. */
public class CaseProblems {

    @ServerExceptionMapper
    public Response illegalTransition(IllegalTransitionException e) {
        return ProblemMappers.respond(Problem
                .of("illegal-transition", 409, "Conflict",
                        "The case is " + e.current() + "; it cannot " + e.action() + " it in that state.")
                .with("currentState", e.current().name()));
    }

    /**
     * What the caller's role on the case does not allow: 403 with a stable type (the caller sees the case, so hiding it
     * would tell nothing); acting for a project one is not a member of is the same 404 as a missing resource; an unmet
     * publication guard is a 409 that lists what blocks it.
     */
    @ServerExceptionMapper
    public Response refused(CaseRefusal e) {
        return switch (e.kind()) {
        case LEAD_ONLY -> ProblemMappers.respond(Problem.of("lead-project-only", 403, "Forbidden",
                "Only maintainers of the case's lead project may " + e.action() + " this case."));
        case LEAD_OWNER_ONLY -> ProblemMappers.respond(Problem.of("lead-owner-only", 403, "Forbidden",
                "Only an owner of the case's lead project may " + e.action() + " this case."));
        case NOT_YOUR_PROJECT -> ProblemMappers.respond(ProblemException.notFound().problem());
        case PUBLICATION_BLOCKED -> {
            Problem p = Problem
                    .of("publication-blocked", 409, "Conflict",
                            "The case cannot be published yet: every affected project must be fixed or not affected,"
                                    + " the agreed date must have come and heads-up subscribers must have had"
                                    + " their notice; a lead owner may override with a reason.")
                    .with("blockers", e.blockers().stream().map(Enum::name).toList());
            yield ProblemMappers.respond(e.notBefore() == null ? p : p.with("notBefore", e.notBefore().toString()));
        }
        };
    }

    @ServerExceptionMapper
    public Response concurrentEdit(OptimisticLockException e) {
        return ProblemMappers.respond(Problem.of("concurrent-edit", 409, "Conflict",
                "The case changed while you edited it; reload and retry."));
    }

    @ServerExceptionMapper
    public Response conflictingWrite(org.hibernate.exception.ConstraintViolationException e) {
        // Two edits of one case raced: both appended the same history position, and the loser's insert hit the
        // unique key before its version check could. Same answer as any other concurrent edit.
        return concurrentEdit(null);
    }
}
