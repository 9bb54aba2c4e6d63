package dev.embargo.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.embargo.notification.ApiExamples;
import dev.embargo.notification.projects.ProjectAccess;
import dev.embargo.platform.problem.Problem;
import io.quarkus.security.Authenticated;

/**
 * The delivery log of a project, for its members: what went to whom, when, and how it went. Recipients appear as roles
 * and ids ({@code reporter}, {@code member:<subject>}, {@code subscriber:<id>}, {@code webhook:<id>}), never as
 * addresses, and nothing here shows a secret or a mail's text.
 */
@Tag(name = "Delivery log")
@Path("/api/v1/projects/{slug}/deliveries")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
class DeliveryResource {

    public record DeliveryView(UUID id, String eventId, String eventType, String trackingId, String recipient,
            Channel channel, String status, int attempts, String lastError, Instant createdAt, Instant nextAttemptAt,
            Instant sentAt) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.trackingId(), d.recipient(), d.channel(),
                    d.status().name(), d.attempts(), d.lastError(), d.createdAt(),
                    d.status() == Delivery.Status.PENDING ? d.nextAttemptAt() : null, d.sentAt());
        }
    }

    private final Deliveries deliveries;
    private final ProjectAccess access;
    private final JsonWebToken caller;

    DeliveryResource(Deliveries deliveries, ProjectAccess access, JsonWebToken caller) {
        this.deliveries = deliveries;
        this.access = access;
        this.caller = caller;
    }

    @GET
    @Transactional
    @Operation(summary = "The project's delivery log (members only)", description = "What went to whom, when and how it went, newest first: recipients appear as roles and ids, never as addresses, and nothing shows a secret or a mail's text. Pending rows show when the next attempt is due.")
    @APIResponse(responseCode = "200", description = "The newest deliveries of the project", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "deliveries", value = """
            [{"id":"0b6f3c1e-3f4a-4c55-9d2e-6a1f0f7e2b11","eventId":"9d7c2f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f","eventType":"case.triaged","trackingId":"OPENPANEL-2026-0042","recipient":"webhook:5e0c8a7d-2b1f-4e3a-9c6d-7f8e9a0b1c2d","channel":"WEBHOOK","status":"PENDING","attempts":2,"lastError":"http-503","createdAt":"2026-06-01T10:00:00Z","nextAttemptAt":"2026-06-01T10:02:00Z"}]""")))
    @APIResponse(responseCode = "400", description = "The limit is out of range (validation)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "validation", value = ApiExamples.VALIDATION)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    @APIResponse(responseCode = "403", description = "The token does not grant this (forbidden)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "No such project, or not a member of it (not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    public List<DeliveryView> list(@PathParam("slug") String slug,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        access.requireMember(slug, caller.getSubject());
        return deliveries.ofProject(slug, limit).stream().map(DeliveryView::of).toList();
    }
}
