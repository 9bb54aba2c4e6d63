package dev.embargo.credits.halloffame;

import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.credits.halloffame.Representation.Format;
import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;

/** The public hall of fame: per year, platform-wide and per project, as JSON, Markdown or HTML. No sign-in. */
@Path("/api/v1")
@Tag(name = "Hall of fame")
class HallOfFameResource {

    static final String HALL_EXAMPLE = """
            {"project":"openpanel","year":2026,"page":0,"size":50,"totalEntries":2,"entries":[{"rank":1,"name":"Nora Quist","link":"https://nora.example","points":150,"credits":2},{"rank":2,"name":"Ada","points":50,"credits":1}],"anonymousCredits":1,"earlier":[{"name":"Sam Reyes","summary":"XSS in the admin panel","when":"2023"}]}""";
    static final String MARKDOWN_EXAMPLE = """
            # Hall of fame 2026: openpanel

            1. [Nora Quist](https://nora.example): 150 points, 2 credits
            """;
    static final String VALIDATION_EXAMPLE = """
            {"type":"urn:embargo:problem:validation","title":"Invalid request","status":400,"detail":"The request has invalid fields.","violations":[{"field":"size","message":"must be less than or equal to 200"}]}""";
    static final String UNKNOWN_FORMAT_EXAMPLE = """
            {"type":"urn:embargo:problem:unknown-format","title":"Invalid request","status":400,"detail":"The format must be json, markdown or html."}""";
    static final String NOT_ACCEPTABLE_EXAMPLE = """
            {"type":"urn:embargo:problem:not-acceptable","title":"Not Acceptable","status":406,"detail":"Available as application/json, text/markdown or text/html."}""";
    static final String NOT_FOUND_EXAMPLE = """
            {"type":"urn:embargo:problem:not-found","title":"Not found","status":404,"detail":"No such resource, or you may not see it."}""";

    private static final String SLUG = "[a-z0-9][a-z0-9-]{1,62}";
    private static final String TRACKING_ID = "[A-Z0-9-]{1,80}-[0-9]{4}-[0-9]{4,9}";

    private final PublishedCredits published;
    private final Leaderboards leaderboards;
    private final PriorCredits prior;
    private final ObjectMapper json;
    private final Clock clock;

    HallOfFameResource(PublishedCredits published, Leaderboards leaderboards, PriorCredits prior, ObjectMapper json,
            Clock clock) {
        this.prior = prior;
        this.published = published;
        this.leaderboards = leaderboards;
        this.json = json;
        this.clock = clock;
    }

    @GET
    @Path("/hall-of-fame")
    @Operation(summary = "The platform-wide hall of fame of one year", description = "Researchers credited in published advisories of every project, ranked by points; anonymous credits are only counted. As JSON, Markdown (release notes) or HTML, chosen by `format` or the Accept header. Public, no sign-in; answers 304 to a matching If-None-Match.")
    @APIResponse(responseCode = "200", description = "One page of the year's leaderboard", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "hall", value = HALL_EXAMPLE)),
            @Content(mediaType = "text/markdown", examples = @ExampleObject(name = "markdown", value = MARKDOWN_EXAMPLE)) })
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag the client sent in If-None-Match")
    @APIResponse(responseCode = "400", description = "A query parameter is out of range (validation) or the format is unknown (unknown-format)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "validation", value = VALIDATION_EXAMPLE),
            @ExampleObject(name = "unknown-format", value = UNKNOWN_FORMAT_EXAMPLE) }))
    @APIResponse(responseCode = "406", description = "None of the accepted media types is offered (not-acceptable)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-acceptable", value = NOT_ACCEPTABLE_EXAMPLE)))
    @Produces({ MediaType.APPLICATION_JSON, "text/markdown", MediaType.TEXT_HTML })
    public Response platform(@QueryParam("year") @Min(2000) @Max(9999) Integer year,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size, @QueryParam("format") String format,
            @Context HttpHeaders headers, @Context Request request) {
        return hallOfFame(null, year, page, size, format, headers, request);
    }

    @GET
    @Path("/projects/{slug}/hall-of-fame")
    @Operation(summary = "One project's hall of fame of one year", description = "Like the platform-wide hall of fame, for the credits of one project's published advisories, followed by the acknowledgements its policy lists from before it moved to the platform. Public, no sign-in.")
    @APIResponse(responseCode = "200", description = "One page of the year's leaderboard", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "hall", value = HALL_EXAMPLE)),
            @Content(mediaType = "text/markdown", examples = @ExampleObject(name = "markdown", value = MARKDOWN_EXAMPLE)) })
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag the client sent in If-None-Match")
    @APIResponse(responseCode = "400", description = "A query parameter is out of range (validation) or the format is unknown (unknown-format)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "validation", value = VALIDATION_EXAMPLE),
            @ExampleObject(name = "unknown-format", value = UNKNOWN_FORMAT_EXAMPLE) }))
    @APIResponse(responseCode = "406", description = "None of the accepted media types is offered (not-acceptable)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-acceptable", value = NOT_ACCEPTABLE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such project, or nothing published for it yet (not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = NOT_FOUND_EXAMPLE)))
    @Produces({ MediaType.APPLICATION_JSON, "text/markdown", MediaType.TEXT_HTML })
    public Response project(@PathParam("slug") String slug, @QueryParam("year") @Min(2000) @Max(9999) Integer year,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size, @QueryParam("format") String format,
            @Context HttpHeaders headers, @Context Request request) {
        if (!slug.matches(SLUG) || !published.hasPublished(slug) && prior.of(slug).isEmpty()) {
            throw ProblemException.notFound();
        }
        return hallOfFame(slug, year, page, size, format, headers, request);
    }

    @GET
    @Path("/advisories/{trackingId}/credits")
    @Operation(summary = "The credits of one published advisory", description = "Named credits in the order the advisory lists them, and how many were anonymous. Only published advisories exist here. Public, no sign-in.")
    @APIResponse(responseCode = "200", description = "The advisory's credits", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "credits", value = """
            {"trackingId":"OPENPANEL-2026-0042","projects":["openpanel"],"publishedAt":"2026-06-01T10:00:00Z","credits":[{"type":"FINDER","name":"Nora Quist","handle":"@nora","link":"https://nora.example"}],"anonymousCredits":1}""")))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag the client sent in If-None-Match")
    @APIResponse(responseCode = "404", description = "No published advisory with this tracking id (not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = NOT_FOUND_EXAMPLE)))
    @Produces(MediaType.APPLICATION_JSON)
    public Response advisory(@PathParam("trackingId") String trackingId, @Context Request request) {
        if (!trackingId.matches(TRACKING_ID)) {
            throw ProblemException.notFound();
        }
        AdvisoryCredits credits = published.ofAdvisory(trackingId).orElseThrow(ProblemException::notFound);
        return new Representation(Format.JSON, toJson(credits)).respond(request);
    }

    private Response hallOfFame(String project, Integer year, int page, int size, String format, HttpHeaders headers,
            Request request) {
        Format chosen = Format.choose(format, headers.getAcceptableMediaTypes());
        int shownYear = year != null ? year : clock.instant().atZone(ZoneOffset.UTC).getYear();
        HallOfFame hall = leaderboards.page(project, shownYear, page, size).withEarlier(prior.of(project));
        String body = switch (chosen) {
        case JSON -> toJson(hall);
        case MARKDOWN -> MarkdownHall.render(hall);
        case HTML -> HtmlHall.render(hall);
        };
        return new Representation(chosen, body).respond(request);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("hall of fame could not be serialised", e);
        }
    }
}
