package dev.embargo.credits.halloffame;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.embargo.platform.problem.Problem;

/** Hall-of-fame operations for platform administrators. */
@Path("/api/v1/admin/hall-of-fame")
@Tag(name = "Administration")
class HallOfFameAdminResource {

    /** The realm role of platform administrators, as everywhere on the platform. */
    static final String PLATFORM_ADMIN = "platform-admin";

    private final Leaderboards leaderboards;

    HallOfFameAdminResource(Leaderboards leaderboards) {
        this.leaderboards = leaderboards;
    }

    @POST
    @Path("rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(summary = "Recompute every stored leaderboard of every year from the credits (platform admins)", description = "Rebuilds the stored standings from the credits, for example after credits were imported behind the service's back. Readers keep seeing the old standings until the rebuild commits.")
    @APIResponse(responseCode = "200", description = "What was rebuilt", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "result", value = """
            {"years":2,"credits":1200,"standings":2900,"millis":850}""")))
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = """
            {"type":"urn:embargo:problem:unauthenticated","title":"Unauthorized","status":401,"detail":"A valid bearer token is required."}""")))
    @APIResponse(responseCode = "403", description = "Not a platform admin (forbidden)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = """
            {"type":"urn:embargo:problem:forbidden","title":"Forbidden","status":403,"detail":"You may not do this."}""")))
    public Leaderboards.Rebuilt rebuild() {
        return leaderboards.rebuild();
    }
}
