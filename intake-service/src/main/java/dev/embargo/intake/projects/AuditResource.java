package dev.embargo.intake.projects;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.embargo.intake.audit.AuditLog;
import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;

/** The audit log: a project's owners read their project's entries ({@link Admin}: platform admins every entry). */
@Path("/api/v1/projects")
public class AuditResource {

    static final String AUDIT_EXAMPLE = """
            [{"id":42,"occurredAt":"2026-11-02T09:15:00Z","actor":"7c0a1f2e","byPlatformAdmin":true,"project":"openpanel","action":"MEMBER_ADDED","target":"3b9d7c1e","detail":"MAINTAINER"}]""";

    private final AuditLog log;
    private final ProjectAccess access;

    AuditResource(AuditLog log, ProjectAccess access) {
        this.log = log;
        this.access = access;
    }

    @GET
    @Path("{slug}/audit")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The project's audit log, newest first (owners)")
    @APIResponse(responseCode = "200", description = "Audited actions: actor, time, what changed; never report content", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "audit", value = AUDIT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such project, or not a member", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ProjectResource.NOT_FOUND_EXAMPLE)))
    @Transactional
    public List<AuditLog.Entry> project(@PathParam("slug") String slug,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        Project project = access.asOwner(slug);
        return log.ofProject(project.id(), bounded(limit));
    }

    private static int bounded(int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("invalid-limit", "1 <= limit <= 1000.");
        }
        return limit;
    }

    /** Every project's audit entries, for platform admins. */
    @Path("/api/v1/admin/audit")
    public static class Admin {

        private final AuditLog log;

        Admin(AuditLog log) {
            this.log = log;
        }

        @GET
        @RolesAllowed(ProjectAccess.PLATFORM_ADMIN)
        @Produces(MediaType.APPLICATION_JSON)
        @Operation(summary = "Every project's audit log, newest first (platform admins)")
        @APIResponse(responseCode = "200", description = "Audited actions", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "audit", value = AUDIT_EXAMPLE)))
        @Transactional
        public List<AuditLog.Entry> all(@QueryParam("limit") @DefaultValue("100") int limit) {
            return log.all(bounded(limit));
        }
    }
}
