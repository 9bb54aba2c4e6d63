package dev.embargo.intake.projects;

import java.util.List;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.embargo.intake.projects.ProjectApi.MyProjectView;
import io.quarkus.security.Authenticated;

/** The caller's own projects with their role in each: what the portal's inbox filters and settings links show. */
@Path("/api/v1/me/projects")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Projects")
public class MyProjectsResource {

    private final Memberships memberships;
    private final ProjectAccess access;

    MyProjectsResource(Memberships memberships, ProjectAccess access) {
        this.memberships = memberships;
        this.access = access;
    }

    @GET
    @Transactional
    @Operation(summary = "The projects the caller is a member of, with their role")
    @APIResponse(responseCode = "200", description = "The caller's projects, by slug", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "mine", value = """
            [{"slug":"openpanel","name":"OpenPanel","role":"OWNER","policyVersion":3}]""")))
    public List<MyProjectView> mine() {
        return memberships.membershipsOf(access.subject()).stream().map(row -> {
            Project p = (Project) row[0];
            Membership m = (Membership) row[1];
            return new MyProjectView(p.slug(), p.name(), m.role(), p.currentPolicyVersion().orElse(null));
        }).toList();
    }
}
