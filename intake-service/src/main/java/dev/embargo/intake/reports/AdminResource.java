package dev.embargo.intake.reports;

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

import dev.embargo.intake.audit.AuditLog;
import dev.embargo.intake.projects.ProjectAccess;
import dev.embargo.platform.problem.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Platform operations for administrators. */
@Path("/api/v1/admin")
@Tag(name = "Administration")
public class AdminResource {

    private final KeyRotation rotation;

    private final AuditLog audit;
    private final ProjectAccess access;

    AdminResource(KeyRotation rotation, AuditLog audit, ProjectAccess access) {
        this.rotation = rotation;
        this.audit = audit;
        this.access = access;
    }

    @POST
    @Path("at-rest-key-rotation")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ProjectAccess.PLATFORM_ADMIN)
    @Operation(summary = "Re-encrypt stored report content still under a non-primary at-rest key (platform admins)")
    @APIResponse(responseCode = "200", description = "What was re-encrypted", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "result", value = """
            {"reportsExamined":120,"fieldsReencrypted":840,"reportsFailed":0}""")))
    @APIResponse(responseCode = "403", description = "Not a platform admin", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = """
            {"type":"urn:embargo:problem:forbidden","title":"Forbidden","status":403,"detail":"You may not do this."}""")))
    public KeyRotation.Result rotate() {
        KeyRotation.Result result = rotation.reencryptAll();
        QuarkusTransaction.requiringNew().run(() -> audit.record(access.actor(), null, null,
                AuditLog.Action.KEY_ROTATION, null, result.fieldsReencrypted() + " fields re-encrypted"));
        return result;
    }
}
