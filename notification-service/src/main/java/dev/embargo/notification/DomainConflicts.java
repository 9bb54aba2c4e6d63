package dev.embargo.notification;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.embargo.platform.problem.ProblemException;
import dev.embargo.platform.problem.ProblemMappers;

/** Maps refused domain changes to 409 problems; the detail is ours, never the caller's input. */
class DomainConflicts {

    @ServerExceptionMapper
    Response conflict(DomainConflict e) {
        return ProblemMappers.respond(ProblemException.conflict(e.kind(), e.getMessage()).problem());
    }
}
