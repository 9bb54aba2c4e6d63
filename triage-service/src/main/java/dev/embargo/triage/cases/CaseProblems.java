package dev.embargo.triage.cases;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.embargo.platform.problem.Problem;
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
