package dev.embargo.intake.projects;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import dev.embargo.intake.audit.AuditLog;
import dev.embargo.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;

/** The audit log: a project's owners read their project's entries ({@link Admin}: platform admins every entry). */
@Path("/api/v1/projects")
public class AuditResource {

    private final AuditLog log;
    private final ProjectAccess access;

    AuditResource(AuditLog log, ProjectAccess access) {
        this.log = log;
        this.access = access;
    }

    @GET
    @Path("{slug}/audit")
    @Authenticated
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
        @Transactional
        public List<AuditLog.Entry> all(@QueryParam("limit") @DefaultValue("100") int limit) {
            return log.all(bounded(limit));
        }
    }
}
