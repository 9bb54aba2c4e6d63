package dev.embargo.triage.cases;

import java.util.List;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.embargo.platform.problem.Problem;
import io.quarkus.security.Authenticated;

/** The gate's findings of a case, with the policy's sentences, and their one-step resolution (maintainers). */
@Path("/api/v1/cases/{id}/findings")
@Authenticated
@Tag(name = "Cases", description = "Maintainers triage, coordinate and disclose the cases of their projects")
public class CaseFindingsResource {

    private final CaseAccess access;
    private final CaseFindings findings;
    private final FindingResolution resolution;
    private final Sealing sealing;
    private final JsonWebToken caller;

    CaseFindingsResource(CaseAccess access, CaseFindings findings, FindingResolution resolution, Sealing sealing,
            JsonWebToken caller) {
        this.access = access;
        this.findings = findings;
        this.resolution = resolution;
        this.sealing = sealing;
        this.caller = caller;
    }

    @GET
    @Transactional
    @Operation(summary = "The gate's findings of the case", description = "What intake's submission gate flagged, with the policy's sentence behind each finding and the one step that resolves it.")
    @APIResponse(responseCode = "200", description = "The findings", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "findings", value = ApiExamples.FINDINGS)))
    @APIResponse(responseCode = "404", description = "No such case among the caller's projects (any other case answers the same)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public List<CaseApi.FindingView> list(@PathParam("id") String id) {
        Case c = access.maintainer(id, caller.getSubject()).aCase();
        return findings.of(c.id()).stream().map(CaseApi::view).toList();
    }

    @POST
    @Path("/{code}/resolution")
    @Transactional
    @Operation(summary = "Resolve the case on one finding", description = "Closes the case (out of scope, or not applicable for a documented design decision) or asks the reporter to reproduce, with the policy's words as the reason the reporter reads.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "resolution", value = ApiExamples.RESOLUTION)))
    @APIResponse(responseCode = "200", description = "The resolved case", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.CASE_DETAIL)))
    @APIResponse(responseCode = "400", description = "The body is not valid JSON", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "malformed-body", value = ApiExamples.MALFORMED_BODY)))
    @APIResponse(responseCode = "403", description = "Only the lead project resolves", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "lead-only", value = ApiExamples.LEAD_ONLY)))
    @APIResponse(responseCode = "404", description = "No such case or finding", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The finding resolves nothing on its own, the state refuses, or the case changed", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "not-resolvable", value = ApiExamples.NOT_RESOLVABLE),
            @ExampleObject(name = "state-conflict", value = ApiExamples.STATE_CONFLICT),
            @ExampleObject(name = "concurrent-edit", value = ApiExamples.CONCURRENT_EDIT) }))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public CaseApi.CaseDetail resolve(@PathParam("id") String id, @PathParam("code") String code,
            CaseApi.FindingResolutionRequest body) {
        Case c = resolution.resolve(id, caller.getSubject(), code, body == null ? null : body.version());
        return CaseApi.detail(c, sealing.content(c), findings.of(c.id()));
    }
}
