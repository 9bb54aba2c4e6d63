package dev.embargo.notification.preferences;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.embargo.notification.ApiExamples;
import dev.embargo.notification.delivery.Channel;
import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;

/** The caller's own notification preferences: which channels per event type. */
@Tag(name = "Preferences")
@Path("/api/v1/me/preferences")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
class PreferenceResource {

    public record PreferenceView(String eventType, Set<Channel> channels) {
    }

    public record SetPreference(@NotNull Set<@NotNull Channel> channels) {
    }

    private final Preferences preferences;
    private final JsonWebToken caller;

    PreferenceResource(Preferences preferences, JsonWebToken caller) {
        this.preferences = preferences;
        this.caller = caller;
    }

    @GET
    @Transactional
    @Operation(summary = "The caller's notification preferences", description = "For every event type a maintainer can be told about, the personal channels the caller receives it on; everything is on until switched off.")
    @APIResponse(responseCode = "200", description = "One entry per event type", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "preferences", value = "["
            + """
                    {"eventType":"sla.warning","channels":["EMAIL"]}""" + "]")))
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    @APIResponse(responseCode = "403", description = "The token does not grant this (forbidden)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    public List<PreferenceView> list() {
        return Preferences.MAINTAINER_EVENT_TYPES.stream().sorted().map(this::view).toList();
    }

    @PUT
    @Path("{eventType}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Choose the channels of one event type", description = "Sets the personal channels (email) the caller receives this event type on; an empty list switches it off. Webhooks belong to projects and are managed there.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "email-only", value = """
            {"channels":["EMAIL"]}""")))
    @APIResponse(responseCode = "200", description = "The preference now", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "preference", value = """
            {"eventType":"sla.warning","channels":["EMAIL"]}""")))
    @APIResponse(responseCode = "400", description = "The body is not valid (validation, malformed-body) or names a channel that is not personal (channel-not-personal)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "validation", value = ApiExamples.VALIDATION),
            @ExampleObject(name = "channel-not-personal", value = """
                    {"type":"urn:embargo:problem:channel-not-personal","title":"Invalid request","status":400,"detail":"Webhooks belong to projects; personal preferences choose among personal channels only."}""") }))
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    @APIResponse(responseCode = "403", description = "The token does not grant this (forbidden)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "Not an event type preferences exist for (not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    public PreferenceView set(@PathParam("eventType") String eventType, @Valid @NotNull SetPreference request) {
        if (!Preferences.MAINTAINER_EVENT_TYPES.contains(eventType)) {
            throw ProblemException.notFound();
        }
        if (!Preferences.PERSONAL_CHANNELS.containsAll(request.channels())) {
            throw ProblemException.badRequest("channel-not-personal",
                    "Webhooks belong to projects; personal preferences choose among personal channels only.");
        }
        for (Channel channel : Preferences.PERSONAL_CHANNELS) {
            preferences.set(caller.getSubject(), eventType, channel, request.channels().contains(channel));
        }
        return view(eventType);
    }

    private PreferenceView view(String eventType) {
        var channels = Preferences.PERSONAL_CHANNELS.stream()
                .filter(c -> preferences.wants(caller.getSubject(), eventType, c))
                .collect(Collectors.toUnmodifiableSet());
        return new PreferenceView(eventType, channels);
    }
}
