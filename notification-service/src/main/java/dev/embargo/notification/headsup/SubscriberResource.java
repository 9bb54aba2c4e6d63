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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.embargo.notification.ApiExamples;
import dev.embargo.notification.mail.MailHeaders;
import dev.embargo.notification.projects.ProjectAccess;
import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;

/** A project's heads-up subscribers: owners add and remove them, members see them. */
@Tag(name = "Heads-up subscribers")
@Path("/api/v1/projects/{slug}/heads-up-subscribers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
class SubscriberResource {

    public record AddSubscriber(@NotNull @Size(max = 254) String email, @Size(max = 200) String name) {
    }

    public record SubscriberView(UUID id, String email, String name, Instant createdAt) {
    }

    private final HeadsUps headsUps;
    private final Subscribers subscribers;
    private final ProjectAccess access;
    private final JsonWebToken caller;

    SubscriberResource(HeadsUps headsUps, Subscribers subscribers, ProjectAccess access, JsonWebToken caller) {
        this.headsUps = headsUps;
        this.subscribers = subscribers;
        this.access = access;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Add a heads-up subscriber (owners)", description = "Subscribers (downstream distributors, self-hosters) get an embargoed notice the policy's notice period before a coordinated disclosure, and the advisory once it is public. The address must be a plain address; it never reaches a mail header with line breaks.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "subscriber", value = """
            {"email":"security@distro.example","name":"Distro security team"}""")))
    @APIResponse(responseCode = "201", description = "Subscribed", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "subscriber", value = """
            {"id":"4a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d","email":"security@distro.example","name":"Distro security team","createdAt":"2026-06-01T10:00:00Z"}""")))
    @APIResponse(responseCode = "400", description = "The body is not valid (validation, malformed-body), a value would inject a mail header (header-injection), or the address is not plain (invalid-email)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "validation", value = ApiExamples.VALIDATION),
            @ExampleObject(name = "header-injection", value = """
                    {"type":"urn:embargo:problem:header-injection","title":"Invalid request","status":400,"detail":"A value that would reach an email header contains line breaks or control characters.","field":"email"}"""),
            @ExampleObject(name = "invalid-email", value = """
                    {"type":"urn:embargo:problem:invalid-email","title":"Invalid request","status":400,"detail":"The email address is not a plain address."}""") }))
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    @APIResponse(responseCode = "403", description = "A member, but not an owner of the project (owner-required)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "owner-required", value = ApiExamples.OWNER_REQUIRED)))
    @APIResponse(responseCode = "404", description = "No such project, or not a member of it (not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The address is subscribed already (already-subscribed)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "already-subscribed", value = """
            {"type":"urn:embargo:problem:already-subscribed","title":"Conflict","status":409,"detail":"This address is subscribed already."}""")))
    public Response add(@PathParam("slug") String slug, @Valid @NotNull AddSubscriber request) {
        access.requireOwner(slug, caller.getSubject());
        MailHeaders.refuseInjection("email", request.email());
        MailHeaders.refuseInjection("name", request.name());
        if (!MailHeaders.isSafeAddress(request.email())) {
            throw ProblemException.badRequest("invalid-email", "The email address is not a plain address.");
        }
        Subscriber s = headsUps.subscribe(slug, request.email(), request.name());
        return Response.status(201).entity(view(s)).build();
    }

    @GET
    @Transactional
    @Operation(summary = "A project's heads-up subscribers (members)", description = "Every subscriber of the project, oldest first.")
    @APIResponse(responseCode = "200", description = "The subscribers", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "subscribers", value = "["
            + """
                    {"id":"4a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d","email":"security@distro.example","name":"Distro security team","createdAt":"2026-06-01T10:00:00Z"}"""
            + "]")))
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    @APIResponse(responseCode = "403", description = "The token does not grant this (forbidden)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "No such project, or not a member of it (not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    public List<SubscriberView> list(@PathParam("slug") String slug) {
        access.requireMember(slug, caller.getSubject());
        return subscribers.of(slug).stream().map(SubscriberResource::view).toList();
    }

    @DELETE
    @Path("{id}")
    @Transactional
    @Operation(summary = "Remove a heads-up subscriber (owners)", description = "The subscriber gets no further notices; notices already queued still go out.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    @APIResponse(responseCode = "403", description = "A member, but not an owner of the project (owner-required)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "owner-required", value = ApiExamples.OWNER_REQUIRED)))
    @APIResponse(responseCode = "404", description = "No such project or subscriber, or not a member (not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    public Response remove(@PathParam("slug") String slug, @PathParam("id") UUID id) {
        access.requireOwner(slug, caller.getSubject());
        subscribers.delete(subscribers.of(slug, id).orElseThrow(ProblemException::notFound));
        return Response.noContent().build();
    }

    private static SubscriberView view(Subscriber s) {
        return new SubscriberView(s.id(), s.email(), s.name(), s.createdAt());
    }
}
