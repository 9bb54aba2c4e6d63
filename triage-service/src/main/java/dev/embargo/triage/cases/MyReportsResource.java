package dev.embargo.triage.cases;

import java.util.List;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.embargo.platform.problem.Problem;
import io.quarkus.security.Authenticated;

/**
 * "My reports": the reports a reporter submitted while signed in, across all projects, with their states and next
 * deadlines. Only the reporter's own (the case's reporter subject is the token's subject); no report content.
 */
@Path("/api/v1/reporter/me/cases")
@Authenticated
@Tag(name = "Reporter")
public class MyReportsResource {

    static final int LIMIT = 200;

    private final Cases cases;
    private final JsonWebToken caller;

    MyReportsResource(Cases cases, JsonWebToken caller) {
        this.cases = cases;
        this.caller = caller;
    }

    @GET
    @Transactional
    @Operation(summary = "The signed-in reporter's own reports (at most 200, newest first)", description = "Every report the caller submitted while signed in, across all projects, with its state and next open deadline; no report content.")
    @APIResponse(responseCode = "200", description = "The caller's reports", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "mine", value = ApiExamples.MY_REPORTS)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public List<CaseApi.ReporterCaseSummary> mine() {
        return cases.byReporter(caller.getSubject(), LIMIT).stream()
                .map(c -> new CaseApi.ReporterCaseSummary(c.trackingId(), c.projectSlug(), c.state(), c.resolution(),
                        c.submittedAt(), CaseApi.summary(c, List.of()).nextDueAt()))
                .toList();
    }
}
