package dev.embargo.notification.preferences;

import java.util.List;
import java.util.Set;

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

import dev.embargo.notification.delivery.Channel;
import dev.embargo.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;

/** The caller's own notification preferences: which channels per event type. */
@Path("/api/v1/me/preferences")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PreferenceResource {

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
    public List<PreferenceView> list() {
        return Preferences.MAINTAINER_EVENT_TYPES.stream().sorted().map(this::view).toList();
    }

    @PUT
    @Path("{eventType}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
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
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return new PreferenceView(eventType, channels);
    }
}
