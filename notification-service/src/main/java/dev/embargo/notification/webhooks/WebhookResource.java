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

import dev.embargo.events.EventType;
import dev.embargo.notification.projects.ProjectAccess;
import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;

/** A project's webhook endpoints, managed by its maintainers and owners. */
@Path("/api/v1/projects/{slug}/webhooks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

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
    public List<WebhookView> list(@PathParam("slug") String slug) {
        access.requireMember(slug, caller.getSubject());
        return endpoints.ofProject(slug).stream().map(WebhookView::of).toList();
    }

    @GET
    @Path("{id}")
    @Transactional
    public WebhookView get(@PathParam("slug") String slug, @PathParam("id") UUID id) {
        access.requireMember(slug, caller.getSubject());
        return endpoints.find(slug, id).map(WebhookView::of).orElseThrow(ProblemException::notFound);
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response remove(@PathParam("slug") String slug, @PathParam("id") UUID id) {
        access.requireMember(slug, caller.getSubject());
        endpoints.remove(endpoints.find(slug, id).orElseThrow(ProblemException::notFound));
        return Response.noContent().build();
    }
}
