package dev.embargo.portal.projects;

import static dev.embargo.portal.web.Forms.blank;
import static dev.embargo.portal.web.Forms.trim;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

import dev.embargo.events.EventType;
import dev.embargo.portal.services.IntakeApi;
import dev.embargo.portal.services.Json;
import dev.embargo.portal.services.NotificationApi;
import dev.embargo.portal.web.Problem;
import dev.embargo.portal.web.ProblemPages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * A project's settings, for its owners (members read what intake and notification let them read): the policy editor
 * with the gate's validation messages, version history with a diff between versions, members, webhooks (the secret
 * shown once, then only its fingerprint; the delivery log), heads-up subscribers, reporter standings and bans, and the
 * security.txt preview. Every permission is the services'.
 */
@Path("/projects")
@Authenticated
public class ProjectSettingsPage {

    private final IntakeApi intake;
    private final NotificationApi notification;
    private final ProblemPages problems;
    private final Template list;
    private final Template settings;
    private final Template webhookCreated;
    private final Template diff;
    private final ObjectMapper json;
    /** Policies shown in the editor and diffed line by line: indented, one field a line. */
    private final ObjectWriter indented;

    ProjectSettingsPage(@RestClient IntakeApi intake, @RestClient NotificationApi notification, ProblemPages problems,
            @Location("projects.html") Template list, @Location("project-settings.html") Template settings,
            @Location("webhook-created.html") Template webhookCreated, @Location("policy-diff.html") Template diff,
            ObjectMapper json) {
        this.intake = intake;
        this.notification = notification;
        this.problems = problems;
        this.list = list;
        this.settings = settings;
        this.webhookCreated = webhookCreated;
        this.diff = diff;
        this.json = json;
        this.indented = json.writerWithDefaultPrettyPrinter();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance projects() {
        return list.data("projects", intake.myProjects());
    }

    @GET
    @Path("/{slug}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance settings(@PathParam("slug") String slug) {
        return page(slug, null, null);
    }

    @POST
    @Path("/{slug}/policy")
    @Produces(MediaType.TEXT_HTML)
    public Response publishPolicy(@PathParam("slug") String slug, @FormParam("document") String document) {
        JsonNode parsed;
        try {
            parsed = json.readTree(document == null ? "" : document);
            if (parsed == null || !parsed.isObject()) {
                return Response.status(422)
                        .entity(page(slug, document, Problem
                                .validation("The policy is a JSON object: { \"name\": …, \"reportFields\": … }.")))
                        .build();
            }
        } catch (JsonProcessingException e) {
            return Response.status(422)
                    .entity(page(slug, document, Problem.validation("The policy is not valid JSON" + " (line "
                            + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").")))
                    .build();
        }
        try {
            intake.publishPolicy(slug, parsed);
        } catch (WebApplicationException e) {
            Problem p = Problem.of(e);
            if (p.missing()) {
                throw new NotFoundException();
            }
            return Response.status(p.status()).entity(page(slug, document, p)).build();
        }
        return back(slug, "policy-h");
    }

    @GET
    @Path("/{slug}/policy/diff")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance diff(@PathParam("slug") String slug, @QueryParam("from") int from,
            @QueryParam("to") int to) {
        List<String> a = lines(intake.policyVersion(slug, from).get("policy"));
        List<String> b = lines(intake.policyVersion(slug, to).get("policy"));
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("version " + from, "version " + to, a,
                DiffUtils.diff(a, b), 3);
        List<Json> rows = new ArrayList<>();
        for (String line : unified) {
            String kind = line.startsWith("+++") || line.startsWith("---") ? "file" : line.startsWith("@@") ? "hunk"
                    : line.startsWith("+") ? "added" : line.startsWith("-") ? "removed" : "same";
            rows.add(Json.of("kind", kind, "text", line));
        }
        return diff.data("slug", slug).data("from", from).data("to", to).data("rows", rows);
    }

    @POST
    @Path("/{slug}/members")
    public Response setMember(@PathParam("slug") String slug, @FormParam("subject") String subject,
            @FormParam("role") String role, @FormParam("email") String email) {
        return act(slug, "members-h",
                () -> intake.setMember(slug, trim(subject), Json.of("role", role, "email", blank(email))));
    }

    @POST
    @Path("/{slug}/members/{subject}/removal")
    public Response removeMember(@PathParam("slug") String slug, @PathParam("subject") String subject) {
        return act(slug, "members-h", () -> intake.removeMember(slug, subject));
    }

    @POST
    @Path("/{slug}/webhooks")
    @Produces(MediaType.TEXT_HTML)
    public Response createWebhook(@PathParam("slug") String slug, @FormParam("url") String url,
            @FormParam("eventTypes") List<String> eventTypes) {
        try {
            Json created = notification.createWebhook(slug, Json.of("url", trim(url), "eventTypes", eventTypes));
            return Response.ok(webhookCreated.data("slug", slug).data("webhook", created)).build();
        } catch (WebApplicationException e) {
            return problems.page(Problem.of(e));
        }
    }

    @POST
    @Path("/{slug}/webhooks/{id}/removal")
    public Response removeWebhook(@PathParam("slug") String slug, @PathParam("id") String id) {
        return act(slug, "webhooks-h", () -> notification.removeWebhook(slug, id));
    }

    @POST
    @Path("/{slug}/subscribers")
    public Response addSubscriber(@PathParam("slug") String slug, @FormParam("email") String email,
            @FormParam("name") String name) {
        return act(slug, "subscribers-h",
                () -> notification.addSubscriber(slug, Json.of("email", trim(email), "name", blank(name))));
    }

    @POST
    @Path("/{slug}/subscribers/{id}/removal")
    public Response removeSubscriber(@PathParam("slug") String slug, @PathParam("id") String id) {
        return act(slug, "subscribers-h", () -> notification.removeSubscriber(slug, id));
    }

    @POST
    @Path("/{slug}/standings/{reporter}/lift")
    public Response lift(@PathParam("slug") String slug, @PathParam("reporter") String reporter) {
        return act(slug, "standings-h", () -> intake.lift(slug, reporter));
    }

    private TemplateInstance page(String slug, String draft, Problem problem) {
        Json policy = intake.policy(slug);
        String current;
        try {
            current = indented.writeValueAsString(policy.get("policy"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<Json> versions = intake.policyVersions(slug);
        Json me = intake.myProjects().stream().filter(p -> slug.equals(p.text("slug"))).findFirst()
                .orElseThrow(NotFoundException::new);
        boolean owner = "OWNER".equals(me.text("role"));
        return settings.data("project", me).data("owner", owner).data("policy", policy)
                .data("document", draft != null ? draft : current).data("problem", problem).data("versions", versions)
                .data("members", intake.members(slug)).data("webhooks", owner ? notification.webhooks(slug) : List.of())
                .data("deliveries", owner ? notification.deliveries(slug) : List.of())
                .data("subscribers", owner ? notification.subscribers(slug) : List.of())
                .data("standings", owner ? intake.standings(slug) : List.of())
                .data("securityTxt", intake.securityTxt(slug)).data("eventTypes", EventType.webhookTypes())
                .data("roles", Arrays.asList("OWNER", "MAINTAINER"));
    }

    private Response act(String slug, String anchor, Runnable call) {
        try {
            call.run();
        } catch (WebApplicationException e) {
            return problems.page(Problem.of(e));
        }
        return back(slug, anchor);
    }

    private static Response back(String slug, String anchor) {
        return Response.seeOther(URI.create("/projects/" + slug + "#" + anchor)).build();
    }

    private List<String> lines(Object policy) {
        try {
            return Arrays.asList(indented.writeValueAsString(policy).split("\n"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
