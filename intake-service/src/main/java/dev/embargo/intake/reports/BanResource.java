package dev.embargo.intake.reports;

import java.time.Instant;
import java.util.List;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.embargo.intake.projects.Project;
import dev.embargo.intake.projects.ProjectAccess;
import dev.embargo.platform.problem.Problem;
import io.quarkus.security.Authenticated;

/** Reporters with rejected low-effort reports and bans, for a project's owners. */
@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Reports")
public class BanResource {

    /**
     * A reporter's standing; {@code reporter} is {@code sub:<subject>} or
     * {@code anon:<pseudonym of the client address>}.
     */
    record StandingView(String reporter, int strikes, boolean banned, Instant bannedAt) {
    }

    static final String NOT_FOUND_EXAMPLE = """
            {"type":"urn:embargo:problem:not-found","title":"Not found","status":404,"detail":"No such resource, or you may not see it."}""";

    private final ReporterStandings standings;
    private final Bans bans;
    private final ProjectAccess access;

    BanResource(ReporterStandings standings, Bans bans, ProjectAccess access) {
        this.bans = bans;
        this.standings = standings;
        this.access = access;
    }

    @GET
    @Path("{slug}/reporter-standings")
    @Operation(summary = "Reporters with rejected low-effort reports, and who is banned (owners)")
    @APIResponse(responseCode = "200", description = "Standings", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "standings", value = """
            [{"reporter":"sub:4f2a9c1e","strikes":3,"banned":true,"bannedAt":"2026-06-01T09:30:00Z"}]""")))
    @APIResponse(responseCode = "404", description = "No such project, or not a member", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = NOT_FOUND_EXAMPLE)))
    public List<StandingView> standings(@PathParam("slug") String slug) {
        Project project = access.asOwner(slug);
        return standings.inProject(project.id()).stream()
                .map(s -> new StandingView(s.reporterKey(), s.strikes(), s.isBanned(), s.bannedAt())).toList();
    }

    @DELETE
    @Path("{slug}/reporter-standings/{reporter}")
    @Transactional
    @Operation(summary = "Lift a reporter's ban and clear their strikes (owners)")
    @APIResponse(responseCode = "204", description = "Lifted")
    @APIResponse(responseCode = "404", description = "No such project or reporter, or not a member", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = NOT_FOUND_EXAMPLE)))
    public Response lift(@PathParam("slug") String slug, @PathParam("reporter") String reporter) {
        Project project = access.asOwner(slug);
        bans.lift(project, reporter, access.actor(project));
        return Response.noContent().build();
    }
}
