package dev.embargo.triage.cases;

import java.util.List;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.Authenticated;

/** The gate's findings of a case, with the policy's sentences, and their one-step resolution (maintainers). */
@Path("/api/v1/cases/{id}/findings")
@Authenticated
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
    public List<CaseApi.FindingView> list(@PathParam("id") String id) {
        Case c = access.forMaintainer(id, caller.getSubject());
        return findings.of(c.id()).stream().map(CaseApi::view).toList();
    }

    @POST
    @Path("/{code}/resolution")
    @Transactional
    public CaseApi.CaseDetail resolve(@PathParam("id") String id, @PathParam("code") String code,
            CaseApi.FindingResolutionRequest body) {
        access.forMaintainer(id, caller.getSubject());
        Case c = resolution.resolve(id, caller.getSubject(), code, body == null ? null : body.version());
        return CaseApi.detail(c, sealing.content(c), findings.of(c.id()));
    }
}
