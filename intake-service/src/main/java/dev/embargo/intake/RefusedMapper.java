package dev.embargo.intake;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemMappers;

/** Answers a domain refusal with its problem+json; the only place where a kind of refusal becomes a status. */
class RefusedMapper {

    @ServerExceptionMapper
    Response refused(Refused e) {
        Problem problem = Problem.of(e.kind(), status(e.why()), e.title(), e.detail());
        for (var member : e.details().entrySet()) {
            problem = problem.with(member.getKey(), member.getValue());
        }
        return ProblemMappers.respond(problem);
    }

    static int status(Refused.Why why) {
        return switch (why) {
        case UNKNOWN -> 404;
        case NOT_ALLOWED -> 403;
        case CONFLICT -> 409;
        case UNACCEPTABLE -> 422;
        };
    }
}
