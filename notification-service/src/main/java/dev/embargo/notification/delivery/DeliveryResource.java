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

import dev.embargo.notification.projects.ProjectAccess;
import io.quarkus.security.Authenticated;

/**
 * The delivery log of a project, for its members: what went to whom, when, and how it went. Recipients appear as roles
 * and ids ({@code reporter}, {@code member:<subject>}, {@code subscriber:<id>}, {@code webhook:<id>}), never as
 * addresses, and nothing here shows a secret or a mail's text.
 */
@Path("/api/v1/projects/{slug}/deliveries")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

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
    public List<DeliveryView> list(@PathParam("slug") String slug,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        access.requireMember(slug, caller.getSubject());
        return deliveries.ofProject(slug, limit).stream().map(DeliveryView::of).toList();
    }
}
