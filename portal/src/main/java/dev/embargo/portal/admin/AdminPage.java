package dev.embargo.portal.admin;

import static dev.embargo.portal.web.Forms.blank;
import static dev.embargo.portal.web.Forms.trim;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.embargo.portal.services.IntakeApi;
import dev.embargo.portal.services.Json;
import dev.embargo.portal.web.Problem;
import dev.embargo.portal.web.ProblemPages;
import dev.embargo.portal.web.Viewer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * Platform administration: the hosted projects and registering a new one with its owners. No report content: a platform
 * admin is not a member of the projects' cases, and intake and triage refuse them those.
 */
@Path("/admin")
@Authenticated
public class AdminPage {

    private final IntakeApi intake;
    private final ProblemPages problems;
    private final Template page;
    private final Viewer viewer;

    AdminPage(@RestClient IntakeApi intake, ProblemPages problems, @Location("admin.html") Template page,
            Viewer viewer) {
        this.intake = intake;
        this.problems = problems;
        this.page = page;
        this.viewer = viewer;
    }

    /** For anyone but a platform admin the page does not exist (intake refuses them the operations as well). */
    private void adminOnly() {
        if (!viewer.admin()) {
            throw new NotFoundException();
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show() {
        adminOnly();
        return page.data("projects", intake.directory());
    }

    @POST
    @Path("/projects")
    public Response register(@FormParam("slug") String slug, @FormParam("name") String name,
            @FormParam("homepage") String homepage, @FormParam("ownerSubject") String ownerSubject,
            @FormParam("ownerEmail") String ownerEmail) {
        adminOnly();
        try {
            intake.register(Json.of("slug", trim(slug), "name", trim(name), "homepage", blank(homepage), "owners",
                    List.of(Json.of("subject", trim(ownerSubject), "email", blank(ownerEmail)))));
        } catch (WebApplicationException e) {
            return problems.page(Problem.of(e));
        }
        return Response.seeOther(URI.create("/admin")).build();
    }

}
