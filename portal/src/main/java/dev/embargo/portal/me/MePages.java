package dev.embargo.portal.me;

import java.net.URI;
import java.util.List;
import java.util.Set;

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
import dev.embargo.portal.services.NotificationApi;
import dev.embargo.portal.services.TriageApi;
import dev.embargo.portal.web.Problem;
import dev.embargo.portal.web.ProblemPages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** The signed-in user's own pages: notification preferences and "my reports". */
@Path("/me")
@Authenticated
public class MePages {

    static final List<String> CHANNELS = List.of("EMAIL", "WEBHOOK");

    private final NotificationApi notification;
    private final TriageApi triage;
    private final ProblemPages problems;
    private final Template preferences;
    private final Template reports;

    MePages(@RestClient NotificationApi notification, @RestClient TriageApi triage, ProblemPages problems,
            @Location("preferences.html") Template preferences, @Location("my-reports.html") Template reports) {
        this.notification = notification;
        this.triage = triage;
        this.problems = problems;
        this.preferences = preferences;
        this.reports = reports;
    }

    @GET
    @Path("/preferences")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance preferences() {
        return preferences.data("preferences", notification.preferences());
    }

    @POST
    @Path("/preferences/{eventType}")
    public Response set(@PathParam("eventType") String eventType, @FormParam("email") String email) {
        try {
            notification.setPreference(eventType, Json.of("channels", "on".equals(email) ? Set.of("EMAIL") : Set.of()));
        } catch (WebApplicationException e) {
            return problems.page(Problem.of(e));
        }
        return Response.seeOther(URI.create("/me/preferences")).build();
    }

    @GET
    @Path("/reports")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance reports() {
        return reports.data("reports", triage.myReports());
    }
}
