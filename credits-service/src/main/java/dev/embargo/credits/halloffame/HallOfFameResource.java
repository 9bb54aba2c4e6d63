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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.credits.halloffame.Representation.Format;
import dev.embargo.platform.problem.ProblemException;

/** The public hall of fame: per year, platform-wide and per project, as JSON, Markdown or HTML. No sign-in. */
@Path("/api/v1")
class HallOfFameResource {

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
    @Produces({ MediaType.APPLICATION_JSON, "text/markdown", MediaType.TEXT_HTML })
    public Response platform(@QueryParam("year") @Min(2000) @Max(9999) Integer year,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size, @QueryParam("format") String format,
            @Context HttpHeaders headers, @Context Request request) {
        return hallOfFame(null, year, page, size, format, headers, request);
    }

    @GET
    @Path("/projects/{slug}/hall-of-fame")
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
