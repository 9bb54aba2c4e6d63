package dev.embargo.notification.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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

import dev.embargo.events.EventType;
import dev.embargo.notification.ApiExamples;
import dev.embargo.notification.projects.ProjectAccess;
import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;

/** A project's webhook endpoints, managed by its maintainers and owners. */
@Tag(name = "Webhooks")
@Path("/api/v1/projects/{slug}/webhooks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
class WebhookResource {

    /** Event types (without version) a webhook may subscribe to. */
    public static final Set<String> EVENT_TYPES = Set.copyOf(EventType.webhookTypes());

    public record CreateWebhook(@NotBlank @Size(max = 2000) String url,
            @NotEmpty @Size(max = 32) List<@NotNull @Size(max = 100) String> eventTypes) {
    }

    /** An endpoint as shown after creation: the secret only as a fingerprint. */
    public record WebhookView(UUID id, String url, List<String> eventTypes, String status, int consecutiveFailures,
            String secretFingerprint, Instant createdAt) {
        static WebhookView of(WebhookEndpoint e) {
            return new WebhookView(e.id(), e.url(), e.eventTypes(), e.status().name(), e.consecutiveFailures(),
                    e.secretFingerprint(), e.createdAt());
        }
    }

    /** The answer to a registration: the only time the secret is shown. */
    public record CreatedWebhook(UUID id, String url, List<String> eventTypes, String status, String secret,
            String secretFingerprint, Instant createdAt) {
    }

    private final WebhookEndpoints endpoints;
    private final WebhookTargets targets;
    private final ProjectAccess access;
    private final JsonWebToken caller;

    WebhookResource(WebhookEndpoints endpoints, WebhookTargets targets, ProjectAccess access, JsonWebToken caller) {
        this.endpoints = endpoints;
        this.targets = targets;
        this.access = access;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Register a webhook endpoint (members)", description = "The endpoint receives the subscribed event types as signed JSON (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature). The URL must be an allowed target: no loopback, link-local or private addresses unless configured, no redirects followed. The signing secret is shown in this answer only.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "webhook", value = """
            {"url":"https://hooks.openpanel.example/embargo","eventTypes":["case.triaged","case.published"]}""")))
    @APIResponse(responseCode = "201", description = "Registered; the only answer that shows the secret", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "created", value = """
            {"id":"5e0c8a7d-2b1f-4e3a-9c6d-7f8e9a0b1c2d","url":"https://hooks.openpanel.example/embargo","eventTypes":["case.triaged","case.published"],"status":"ACTIVE","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw","secretFingerprint":"whsec_…3f9a","createdAt":"2026-06-01T10:00:00Z"}""")))
    @APIResponse(responseCode = "400", description = "The body is not valid (validation, malformed-body), names an event type a webhook cannot subscribe to (unknown-event-type), or the URL is not an allowed target (webhook-target-refused)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "validation", value = ApiExamples.VALIDATION),
            @ExampleObject(name = "unknown-event-type", value = """
                    {"type":"urn:embargo:problem:unknown-event-type","title":"Invalid request","status":400,"detail":"An event type is not one a webhook can subscribe to.","allowed":["case.acknowledged","case.triaged"]}"""),
            @ExampleObject(name = "webhook-target-refused", value = """
                    {"type":"urn:embargo:problem:webhook-target-refused","title":"Invalid request","status":400,"detail":"The webhook URL is not an allowed target.","reason":"private-address"}""") }))
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    @APIResponse(responseCode = "403", description = "The token does not grant this (forbidden)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "No such project, or not a member of it (not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    public Response register(@PathParam("slug") String slug, @Valid @NotNull CreateWebhook request) {
        access.requireMember(slug, caller.getSubject());
        if (!EVENT_TYPES.containsAll(request.eventTypes())) {
            throw new ProblemException(Problem
                    .of("unknown-event-type", 400, "Invalid request",
                            "An event type is not one a webhook can subscribe to.")
                    .with("allowed", EVENT_TYPES.stream().sorted().toList()));
        }
        try {
            targets.check(request.url());
        } catch (WebhookTargets.Refused e) {
            throw new ProblemException(Problem
                    .of("webhook-target-refused", 400, "Invalid request", "The webhook URL is not an allowed target.")
                    .with("reason", e.code()));
        }
        var registered = endpoints.register(slug, request.url(), request.eventTypes().stream().distinct().toList(),
                caller.getSubject());
        WebhookEndpoint e = registered.endpoint();
        return Response.status(201).entity(new CreatedWebhook(e.id(), e.url(), e.eventTypes(), e.status().name(),
                registered.secret(), e.secretFingerprint(), e.createdAt())).build();
    }

    @GET
    @Transactional
    @Operation(summary = "A project's webhook endpoints (members)", description = "Every endpoint of the project with its health; secrets only as fingerprints.")
    @APIResponse(responseCode = "200", description = "The endpoints", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "webhooks", value = "["
            + """
                    {"id":"5e0c8a7d-2b1f-4e3a-9c6d-7f8e9a0b1c2d","url":"https://hooks.openpanel.example/embargo","eventTypes":["case.triaged","case.published"],"status":"ACTIVE","consecutiveFailures":0,"secretFingerprint":"whsec_…3f9a","createdAt":"2026-06-01T10:00:00Z"}"""
            + "]")))
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    @APIResponse(responseCode = "403", description = "The token does not grant this (forbidden)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "No such project, or not a member of it (not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    public List<WebhookView> list(@PathParam("slug") String slug) {
        access.requireMember(slug, caller.getSubject());
        return endpoints.ofProject(slug).stream().map(WebhookView::of).toList();
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(summary = "One webhook endpoint (members)", description = "The endpoint with its health: an endpoint whose deliveries keep being given up is marked FAILING.")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "webhook", value = """
            {"id":"5e0c8a7d-2b1f-4e3a-9c6d-7f8e9a0b1c2d","url":"https://hooks.openpanel.example/embargo","eventTypes":["case.triaged","case.published"],"status":"ACTIVE","consecutiveFailures":0,"secretFingerprint":"whsec_…3f9a","createdAt":"2026-06-01T10:00:00Z"}""")))
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    @APIResponse(responseCode = "403", description = "The token does not grant this (forbidden)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "No such project or endpoint, or not a member (not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    public WebhookView get(@PathParam("slug") String slug, @PathParam("id") UUID id) {
        access.requireMember(slug, caller.getSubject());
        return endpoints.find(slug, id).map(WebhookView::of).orElseThrow(ProblemException::notFound);
    }

    @DELETE
    @Path("{id}")
    @Transactional
    @Operation(summary = "Remove a webhook endpoint (members)", description = "Deliveries still queued for the endpoint are given up.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    @APIResponse(responseCode = "403", description = "The token does not grant this (forbidden)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "No such project or endpoint, or not a member (not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    public Response remove(@PathParam("slug") String slug, @PathParam("id") UUID id) {
        access.requireMember(slug, caller.getSubject());
        endpoints.remove(endpoints.find(slug, id).orElseThrow(ProblemException::notFound));
        return Response.noContent().build();
    }
}
