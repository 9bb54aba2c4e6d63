package dev.embargo.triage.advisory;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import dev.embargo.triage.cases.Case;
import dev.embargo.triage.cases.CaseAccess;
import dev.embargo.triage.cases.Sealing;
import io.quarkus.security.Authenticated;

/** The advisory of a case the caller maintains, in OSV, CVE 5 or CSAF (a preview until the case is published). */
@Path("/api/v1/cases/{id}/advisory")
@Authenticated
@Tag(name = "Cases")
public class AdvisoryResource {

    static final String ADVISORY_EXAMPLE = """
            {"schema_version":"1.6.0","id":"EMBARGO-OPENPANEL-2026-0007","modified":"2026-07-01T07:00:00Z","published":"2026-07-01T07:00:00Z","summary":"Stored XSS in dashboard event names","details":"Event names are rendered without escaping.","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N"}],"references":[{"type":"ADVISORY","url":"https://embargo.example/advisories/OPENPANEL-2026-0007"}]}""";

    private final CaseAccess access;
    private final Sealing sealing;
    private final Advisories advisories;
    private final JsonWebToken caller;

    AdvisoryResource(CaseAccess access, Sealing sealing, Advisories advisories, JsonWebToken caller) {
        this.access = access;
        this.sealing = sealing;
        this.advisories = advisories;
        this.caller = caller;
    }

    @GET
    @Transactional
    @Operation(summary = "The advisory of the case", description = "Rendered as OSV (the default), CVE JSON 5 (the CNA container) or CSAF 2.0; a preview until the case is published.")
    @APIResponse(responseCode = "200", description = "The advisory", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "osv", value = ADVISORY_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "format is not osv, cve5 or csaf", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid-filter", value = """
            {"type":"urn:embargo:problem:invalid-filter","title":"Bad request","status":400,"detail":"format has an unknown value."}""")))
    @APIResponse(responseCode = "404", description = "No such case among the caller's projects", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = """
            {"type":"urn:embargo:problem:not-found","title":"Not found","status":404,"detail":"No such resource, or you may not see it."}""")))
    public JsonNode advisory(@PathParam("id") String id, @QueryParam("format") @DefaultValue("osv") String format) {
        Case c = access.maintainer(id, caller.getSubject()).aCase();
        Advisories.Format f;
        try {
            f = Advisories.Format.valueOf(format.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-filter", "format has an unknown value.");
        }
        var content = sealing.content(c);
        return advisories.render(f, c, content, Advisories.credits(c, content), c.updatedAt());
    }
}
