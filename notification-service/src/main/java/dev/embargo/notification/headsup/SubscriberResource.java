package dev.embargo.notification.headsup;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.embargo.notification.mail.MailHeaders;
import dev.embargo.notification.projects.ProjectAccess;
import dev.embargo.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;

/** A project's heads-up subscribers: owners add and remove them, members see them. */
@Path("/api/v1/projects/{slug}/heads-up-subscribers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SubscriberResource {

    public record AddSubscriber(@NotNull @Size(max = 254) String email, @Size(max = 200) String name) {
    }

    public record SubscriberView(UUID id, String email, String name, Instant createdAt) {
    }

    private final HeadsUps headsUps;
    private final ProjectAccess access;
    private final JsonWebToken caller;

    SubscriberResource(HeadsUps headsUps, ProjectAccess access, JsonWebToken caller) {
        this.headsUps = headsUps;
        this.access = access;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response add(@PathParam("slug") String slug, @Valid @NotNull AddSubscriber request) {
        access.requireOwner(slug, caller.getSubject());
        MailHeaders.refuseInjection("email", request.email());
        MailHeaders.refuseInjection("name", request.name());
        if (!MailHeaders.isSafeAddress(request.email())) {
            throw ProblemException.badRequest("invalid-email", "The email address is not a plain address.");
        }
        boolean known = headsUps.subscribers(slug).stream().anyMatch(s -> s.email().equalsIgnoreCase(request.email()));
        if (known) {
            throw ProblemException.conflict("already-subscribed", "This address is subscribed already.");
        }
        Subscriber s = headsUps.subscribe(slug, request.email(), request.name());
        return Response.status(201).entity(view(s)).build();
    }

    @GET
    @Transactional
    public List<SubscriberView> list(@PathParam("slug") String slug) {
        access.requireMember(slug, caller.getSubject());
        return headsUps.subscribers(slug).stream().map(SubscriberResource::view).toList();
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response remove(@PathParam("slug") String slug, @PathParam("id") UUID id) {
        access.requireOwner(slug, caller.getSubject());
        headsUps.unsubscribe(headsUps.subscriber(slug, id).orElseThrow(ProblemException::notFound));
        return Response.noContent().build();
    }

    private static SubscriberView view(Subscriber s) {
        return new SubscriberView(s.id(), s.email(), s.name(), s.createdAt());
    }
}
