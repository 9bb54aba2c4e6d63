package dev.embargo.intake.reports;

import java.util.Locale;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.embargo.intake.reports.ReportApi.SubmitReport;
import dev.embargo.intake.reports.ReportApi.SubmittedReport;
import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Report submission, anonymous or with a reporter token: the platform's front door for vulnerabilities. */
@Path("/api/v1/projects")
@Tag(name = "Reports")
public class ReportResource {

    /** Header carrying a report token; tokens are never accepted in a URL, where logs and referrers would keep them. */
    public static final String TOKEN_HEADER = "X-Report-Token";

    static final String SUBMIT_EXAMPLE = """
            {"title":"Stored XSS in dashboard event names","component":"dashboard","versionTested":"2.4.0","description":"Event names are rendered without escaping in the live view, so a tracked event can run script in a maintainer's session.","impact":"Session takeover of any dashboard user viewing the project.","stepsToReproduce":"1. Send an event named <img src=x onerror=alert(1)> 2. Open the live view","proofOfConcept":"curl -X POST https://api.example/track -d '{\\"name\\":\\"<img src=x onerror=alert(1)>\\"}'","suggestedFix":"Escape event names in LiveEvents.tsx","cvssVector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:N","cweIds":["CWE-79"],"reporterEmail":"researcher@example.org","credit":{"visibility":"PUBLIC","name":"Ada Researcher","handle":"@ada","link":"https://ada.example"}}""";
    static final String CREATED_EXAMPLE = """
            {"trackingId":"OPENPANEL-2026-0007","reportToken":"q3J0m9o1Yb2c6v1wX8r7k2Lq9Zt4sPzH0aVb5nC3dEw","resubmission":false,"policyVersion":3,"submittedAt":"2026-06-01T09:30:00Z","acknowledgeBy":"2026-06-04T09:30:00Z","findings":["reproduce-on-latest","out-of-scope:self-xss"],"findingDetails":[{"code":"reproduce-on-latest","policySentence":"Security fixes land on the latest release. Before reporting an issue on a self-hosted instance, please confirm it reproduces on the latest version."},{"code":"out-of-scope:self-xss","policySentence":"self-XSS"}],"policy":{"safeHarbor":"We treat security research done in good faith under this policy as authorized, and we won't pursue legal action over accidental, good-faith violations.","researchRules":["use test accounts, and avoid anything that could degrade the service for others (no DoS, no spam, no high-volume automated testing)"],"publicIssues":"Please don't report security issues through public GitHub issues, pull requests, or our Discord.","disclosure":"We're happy to agree on a disclosure date with you.","credit":"We publicly thank researchers who report valid vulnerabilities, with their permission.","creditedByDefault":false}}""";

    private final ReportIntake intake;
    private final SubmissionLimiter limiter;
    private final SecurityIdentity identity;
    private final JsonWebToken jwt;

    ReportResource(ReportIntake intake, SubmissionLimiter limiter, SecurityIdentity identity, JsonWebToken jwt) {
        this.intake = intake;
        this.limiter = limiter;
        this.identity = identity;
        this.jwt = jwt;
    }

    @POST
    @Path("{slug}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a vulnerability report (anonymous, or signed in with an OIDC token)")
    @Parameter(name = TOKEN_HEADER, in = ParameterIn.HEADER, description = "The report token of an earlier submission, to resubmit idempotently from another address")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "report", value = SUBMIT_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Accepted; the report token is shown only here", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "created", value = CREATED_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Identical resubmission: the existing report, without its token", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "resubmission", value = """
            {"trackingId":"OPENPANEL-2026-0007","reportToken":null,"resubmission":true,"policyVersion":3,"submittedAt":"2026-06-01T09:30:00Z","acknowledgeBy":"2026-06-04T09:30:00Z","findings":["reproduce-on-latest"]}""")))
    @APIResponse(responseCode = "422", description = "Refused: missing required fields, low effort, unsupported version or invalid CVSS", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "missing-fields", value = """
            {"type":"urn:embargo:problem:missing-fields","title":"Report refused","status":422,"detail":"The project's policy requires the listed fields.","missingFields":["impact","stepsToReproduce"]}""")))
    @APIResponse(responseCode = "409", description = "The project's policy takes reports only through the channels it lists, and not here", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "channel-not-accepted", value = """
            {"type":"urn:embargo:problem:channel-not-accepted","title":"Report refused","status":409,"detail":"Any reports or solicitations arriving from sources other than our designated GitHub repository will be dismissed without consideration.","missingFields":[],"channels":[{"kind":"URL","address":null,"note":"Reports not submitted through our designated GitHub repository will be disregarded."}]}""")))
    @APIResponse(responseCode = "403", description = "The reporter is banned from this project", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "banned", value = """
            {"type":"urn:embargo:problem:reporter-banned","title":"Forbidden","status":403,"detail":"You may no longer submit reports to this project after repeated non-compliant submissions."}""")))
    @APIResponse(responseCode = "429", description = "Too many reports from this client", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "rate-limited", value = """
            {"type":"urn:embargo:problem:rate-limited","title":"Too many requests","status":429,"detail":"Too many reports from this client; retry after the time in Retry-After.","retryAfterSeconds":360}""")))
    @APIResponse(responseCode = "413", description = "Body larger than 256K", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "too-large", value = """
            {"type":"urn:embargo:problem:payload-too-large","title":"Request Entity Too Large","status":413,"detail":"Request Entity Too Large."}""")))
    @APIResponse(responseCode = "404", description = "No such project", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = """
            {"type":"urn:embargo:problem:not-found","title":"Not found","status":404,"detail":"No such resource, or you may not see it."}""")))
    public Response submit(@PathParam("slug") String slug, @Valid @NotNull SubmitReport request,
            @HeaderParam(TOKEN_HEADER) String token, @Context UriInfo uri, @Context RoutingContext http) {
        if (uri.getQueryParameters().keySet().stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).contains("token"))) {
            throw ProblemException.badRequest("token-in-url",
                    "Report tokens are accepted only in the " + TOKEN_HEADER + " header, never in a URL.");
        }
        String client = limiter.client(http);
        limiter.acquire(client);
        String subject = signedIn(http) ? jwt.getSubject() : null;
        var outcome = intake.submit(slug, request.content(), emptyToNull(request.reporterEmail()),
                ReportIntake.Reporter.of(subject, client), Optional.ofNullable(emptyToNull(token)));
        Report r = outcome.report();
        var body = new SubmittedReport(r.trackingId(), outcome.token().orElse(null), outcome.token().isEmpty(),
                r.policyVersion(), r.submittedAt(), r.acknowledgeDue(), r.findings(),
                FindingSentences.explain(outcome.policy(), r.findings()), ReportApi.PolicyNotes.of(outcome.policy()));
        return Response.status(outcome.token().isPresent() ? 201 : 200).entity(body).build();
    }

    @ServerExceptionMapper
    Response rateLimited(SubmissionLimiter.TooManyRequests e) {
        return e.response();
    }

    /**
     * Whether the request is a signed-in reporter's. Bearer tokens are this service's only credentials, so a request
     * without an {@code Authorization} header is anonymous without running the lazy authentication chain (3.6 % of
     * intake's samples under the bench's anonymous load); one with it is authenticated, and a bad token is a 401.
     */
    private boolean signedIn(RoutingContext request) {
        return request.request().getHeader(HttpHeaders.AUTHORIZATION) != null && !identity.isAnonymous();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
