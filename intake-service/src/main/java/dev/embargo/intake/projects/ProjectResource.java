package dev.embargo.intake.projects;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.embargo.events.ProjectMembershipChanged.Role;
import dev.embargo.intake.projects.ProjectApi.MemberView;
import dev.embargo.intake.projects.ProjectApi.ProjectView;
import dev.embargo.intake.projects.ProjectApi.RegisterProject;
import dev.embargo.intake.projects.ProjectApi.SetMember;
import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;

/** The project directory (public), project registration (platform admins) and memberships (owners). */
@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Projects")
public class ProjectResource {

    static final String PROJECT_EXAMPLE = """
            {"slug":"openpanel","name":"OpenPanel","homepage":"https://openpanel.example","registeredAt":"2026-05-01T10:00:00Z","policyVersion":1,"policy":"/api/v1/projects/openpanel/policy","securityTxt":"/api/v1/projects/openpanel/security.txt","reports":"/api/v1/projects/openpanel/reports"}""";
    static final String MEMBER_EXAMPLE = """
            {"subject":"7f1c2a9e","role":"MAINTAINER","email":"maintainer@openpanel.example","since":"2026-05-01T10:00:00Z"}""";
    static final String NOT_FOUND_EXAMPLE = """
            {"type":"urn:embargo:problem:not-found","title":"Not found","status":404,"detail":"No such resource, or you may not see it."}""";

    private final Projects projects;
    private final Memberships memberships;
    private final ProjectRegistry registry;
    private final ProjectAccess access;

    ProjectResource(Projects projects, Memberships memberships, ProjectRegistry registry, ProjectAccess access) {
        this.projects = projects;
        this.memberships = memberships;
        this.registry = registry;
        this.access = access;
    }

    @GET
    @Operation(summary = "Directory of hosted projects")
    @APIResponse(responseCode = "200", description = "All projects", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "directory", value = "["
            + PROJECT_EXAMPLE + "]")))
    public List<ProjectView> directory() {
        return projects.all().stream().map(ProjectView::of).toList();
    }

    @GET
    @Path("{slug}")
    @Operation(summary = "One hosted project")
    @APIResponse(responseCode = "200", description = "The project", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "project", value = PROJECT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such project", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = NOT_FOUND_EXAMPLE)))
    public ProjectView project(@PathParam("slug") String slug) {
        return projects.bySlug(slug).map(ProjectView::of).orElseThrow(ProblemException::notFound);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ProjectAccess.PLATFORM_ADMIN)
    @Operation(summary = "Register a project and name its owners (platform admins)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "register", value = """
            {"slug":"openpanel","name":"OpenPanel","homepage":"https://openpanel.example","owners":[{"subject":"3b9d7c1e","email":"owner@openpanel.example"}]}""")))
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "registered", value = PROJECT_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "Slug taken", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "slug-taken", value = """
            {"type":"urn:embargo:problem:slug-taken","title":"Conflict","status":409,"detail":"A project with this slug already exists."}""")))
    public Response register(@Valid @NotNull RegisterProject request) {
        Project project = registry.register(request.slug(), request.name(), request.homepage(),
                request.owners().stream().map(o -> new ProjectRegistry.Member(o.subject(), o.email())).toList(),
                access.actor());
        return Response.status(201).entity(ProjectView.of(project)).build();
    }

    @GET
    @Path("{slug}/members")
    @Authenticated
    @Operation(summary = "Members of a project (members only)")
    @APIResponse(responseCode = "200", description = "Owners and maintainers", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "members", value = "["
            + MEMBER_EXAMPLE + "]")))
    @APIResponse(responseCode = "404", description = "No such project, or not a member", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = NOT_FOUND_EXAMPLE)))
    public List<MemberView> members(@PathParam("slug") String slug) {
        Project project = access.asMember(slug);
        return memberships.members(project.id()).stream().map(MemberView::of).toList();
    }

    @PUT
    @Path("{slug}/members/{subject}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Add a member or change their role (owners manage maintainers; platform admins also owners)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "maintainer", value = """
            {"role":"MAINTAINER","email":"maintainer@openpanel.example"}""")))
    @APIResponse(responseCode = "200", description = "The membership", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "member", value = MEMBER_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such project, or not a member", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = NOT_FOUND_EXAMPLE)))
    public MemberView setMember(@PathParam("slug") String slug,
            @PathParam("subject") @Pattern(regexp = ProjectApi.SUBJECT) String subject,
            @Valid @NotNull SetMember request) {
        Project project = access.asOwner(slug);
        requireMayManage(project, subject, request.role());
        return MemberView
                .of(registry.setMember(project, subject, request.role(), request.email(), access.actor(project)));
    }

    @DELETE
    @Path("{slug}/members/{subject}")
    @Authenticated
    @Operation(summary = "Remove a member (owners remove maintainers; platform admins also owners)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such project or member, or not a member", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = NOT_FOUND_EXAMPLE)))
    public Response removeMember(@PathParam("slug") String slug, @PathParam("subject") String subject) {
        Project project = access.asOwner(slug);
        Role current = memberships.membership(project.id(), subject).map(Membership::role)
                .orElseThrow(ProblemException::notFound);
        requireMayManage(project, subject, current);
        registry.removeMember(project, subject, access.actor(project));
        return Response.noContent().build();
    }

    /** Owners manage maintainers; owners themselves are named by platform admins. */
    private void requireMayManage(Project project, String subject, Role role) {
        boolean touchesOwner = role == Role.OWNER
                || memberships.membership(project.id(), subject).map(Membership::isOwner).orElse(false);
        if (touchesOwner && !access.isPlatformAdmin()) {
            throw ProblemException.forbidden("admin-required", "Owners are named by platform admins.");
        }
    }

}
