package dev.embargo.portal.reporter;

import static dev.embargo.portal.web.Forms.blank;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.embargo.portal.services.Json;
import dev.embargo.portal.services.ReporterApi;
import dev.embargo.portal.web.Problem;
import dev.embargo.portal.web.ProblemPages;
import dev.embargo.portal.web.Viewer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;

/**
 * The reporter's status page. Tracking id and token are posted in a form (never a query string) and open a short
 * session bound to that one case; the page then shows the state in plain words, the policy's deadlines and whether they
 * were met, the thread without internal notes, and the reporter's own steps. A wrong token and an unknown tracking id
 * get the same answer; triage limits failed attempts per client.
 */
@Path("/reporter")
public class StatusPage {

    private final ReporterApi triage;
    private final ReporterSession sessions;
    private final RoutingContext routing;
    private final Viewer viewer;
    private final ProblemPages problems;
    private final Template open;
    private final Template status;

    StatusPage(@RestClient ReporterApi triage, ReporterSession sessions, RoutingContext routing, Viewer viewer,
            ProblemPages problems, @Location("reporter/open.html") Template open,
            @Location("reporter/status.html") Template status) {
        this.triage = triage;
        this.sessions = sessions;
        this.routing = routing;
        this.viewer = viewer;
        this.problems = problems;
        this.open = open;
        this.status = status;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form() {
        return open.data("trackingId", "").data("refused", false);
    }

    /** Where the platform's mails to reporters link: asks for the token, never carries it. */
    @GET
    @Path("/cases/{trackingId}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance formFor(@PathParam("trackingId") String trackingId) {
        return open.data("trackingId", trackingId != null && trackingId.matches("[A-Za-z0-9-]{1,40}") ? trackingId : "")
                .data("refused", false);
    }

    @POST
    @Path("/session")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response openSession(@FormParam("trackingId") String trackingId, @FormParam("token") String token) {
        String t = trackingId == null ? "" : trackingId.strip().toUpperCase(Locale.ROOT);
        String k = token == null ? "" : token.strip();
        if (t.matches("[A-Z0-9-]{1,40}") && k.matches("[A-Za-z0-9_-]{20,100}")) {
            try {
                triage.status(t, k, null, viewer.clientAddress());
                sessions.open(routing, t, k);
                return Response.seeOther(URI.create("/reporter/case")).build();
            } catch (WebApplicationException e) {
                if (!Problem.of(e).missing()) {
                    throw e;
                }
            }
        }
        return Response.status(404)
                .entity(open.data("trackingId", t.matches("[A-Z0-9-]{1,40}") ? t : "").data("refused", true)).build();
    }

    @GET
    @Path("/case")
    @Produces(MediaType.TEXT_HTML)
    public Response show() {
        var s = sessions.current(routing);
        if (s.isEmpty()) {
            return Response.seeOther(URI.create("/reporter")).build();
        }
        String t = s.get().trackingId();
        String k = s.get().token();
        Json view = triage.status(t, k, viewer.zoneName(), viewer.clientAddress());
        List<Json> thread = triage.thread(t, k);
        return Response.ok(status.data("c", view).data("thread", thread)).build();
    }

    @POST
    @Path("/case/messages")
    public Response reply(@FormParam("text") String text) {
        return act(s -> triage.reply(s.trackingId(), s.token(), Json.of("text", text)));
    }

    @POST
    @Path("/case/disclosure/accept")
    public Response accept() {
        return act(s -> triage.accept(s.trackingId(), s.token()));
    }

    @POST
    @Path("/case/disclosure/counter")
    public Response counter(@FormParam("date") String date, @FormParam("time") String time,
            @FormParam("timeZone") String timeZone) {
        return act(s -> triage.counter(s.trackingId(), s.token(),
                Json.of("date", blank(date), "time", blank(time), "timeZone", blank(timeZone))));
    }

    @POST
    @Path("/case/fix-confirmation")
    public Response confirmFix() {
        return act(s -> triage.confirmFix(s.trackingId(), s.token()));
    }

    @POST
    @Path("/case/credit")
    public Response credit(@FormParam("visibility") String visibility, @FormParam("name") String name,
            @FormParam("handle") String handle, @FormParam("link") String link) {
        return act(s -> triage.credit(s.trackingId(), s.token(), Json.of("visibility", blank(visibility), "name",
                blank(name), "handle", blank(handle), "link", blank(link))));
    }

    @POST
    @Path("/case/withdrawal")
    public Response withdraw() {
        return act(s -> triage.withdraw(s.trackingId(), s.token()));
    }

    @POST
    @Path("/signout")
    public Response signOut() {
        sessions.close(routing);
        return Response.seeOther(URI.create("/reporter")).build();
    }

    private Response act(Consumer<ReporterSession.Opened> step) {
        var s = sessions.current(routing);
        if (s.isEmpty()) {
            return Response.seeOther(URI.create("/reporter")).build();
        }
        try {
            step.accept(s.get());
        } catch (WebApplicationException e) {
            return problems.page(Problem.of(e));
        }
        return Response.seeOther(URI.create("/reporter/case")).build();
    }

}
