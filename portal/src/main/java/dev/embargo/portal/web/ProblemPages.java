package dev.embargo.portal.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * A refused or failed call as a page. A case or project the reader may not see answers exactly like a missing one (404,
 * same page, same words); a concurrent edit says what happened and offers a reload; a service that is down says so.
 * Never a stack trace, never the reader's input.
 */
@ApplicationScoped
public class ProblemPages {

    private static final Logger LOG = Logger.getLogger(ProblemPages.class);

    private final Template error;

    ProblemPages(@Location("error.html") Template error) {
        this.error = error;
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        return page(Problem.of(e));
    }

    @ServerExceptionMapper
    public Response unavailable(ProcessingException e) {
        LOG.warnf("a service call failed: %s", e.getClass().getName());
        return page(Problem.of(e));
    }

    public Response page(Problem p) {
        return page(p, null);
    }

    /** The problem as a page whose "reload" link goes to {@code back} (the page the form was on). */
    public Response page(Problem p, String back) {
        int status;
        String title;
        String detail;
        if (p.missing()) {
            status = 404;
            title = "Not found";
            detail = "There is nothing here, or you may not see it.";
        } else if (p.conflict()) {
            status = 409;
            title = "Changed since you opened it";
            detail = "Someone else changed this while you had it open, so your change was not saved. Reload the page"
                    + " to see the current state, then make your change again.";
        } else if (p.status() == 401) {
            status = 401;
            title = "Signed out";
            detail = "Your session has ended. Sign in again.";
        } else {
            status = p.status() >= 400 ? p.status() : 500;
            title = p.title();
            detail = p.detail();
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(error.data("title", title).data("detail", detail).data("status", status)
                        .data("conflict", p.conflict()).data("fields", p.fields()).data("back", back).render())
                .build();
    }
}
