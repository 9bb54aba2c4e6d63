package dev.embargo.notification.webhooks;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.platform.crypto.Ciphers;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The webhook endpoints of all projects. */
@ApplicationScoped
public class WebhookEndpoints implements PanacheRepositoryBase<WebhookEndpoint, UUID> {

    /** A new endpoint with its secret in clear, to be shown exactly once. */
    public record Registered(WebhookEndpoint endpoint, String secret) {
    }

    private final Ciphers ciphers;
    private final Clock clock;

    WebhookEndpoints(Ciphers ciphers, Clock clock) {
        this.ciphers = ciphers;
        this.clock = clock;
    }

    Registered register(String projectSlug, String url, List<String> eventTypes, String createdBy) {
        UUID id = UUID.randomUUID();
        String secret = WebhookSignature.newSecret();
        var endpoint = new WebhookEndpoint(id, projectSlug, url, eventTypes,
                ciphers.atRest().encrypt(secret, "webhook_endpoint:" + id + ":secret"),
                WebhookSignature.fingerprint(secret), createdBy, clock.instant());
        persist(endpoint);
        return new Registered(endpoint, secret);
    }

    Optional<WebhookEndpoint> find(String projectSlug, UUID id) {
        return findByIdOptional(id).filter(e -> e.projectSlug().equals(projectSlug));
    }

    Optional<WebhookEndpoint> find(UUID id) {
        return findByIdOptional(id);
    }

    void remove(WebhookEndpoint endpoint) {
        delete(endpoint);
    }

    List<WebhookEndpoint> ofProject(String projectSlug) {
        return getEntityManager().createQuery("from WebhookEndpoint e where e.projectSlug = :slug order by e.createdAt",
                WebhookEndpoint.class).setParameter("slug", projectSlug).getResultList();
    }

    /** Endpoints of these projects that subscribed to the event type (without version, e.g. {@code case.triaged}). */
    public List<WebhookEndpoint> subscribedTo(Collection<String> projectSlugs, String eventType) {
        if (projectSlugs.isEmpty()) {
            return List.of();
        }
        // One project (the usual case, once per event) by the query whose translation Hibernate keeps (see Members).
        List<WebhookEndpoint> endpoints = projectSlugs.size() == 1 ? ofProject(projectSlugs.iterator().next())
                : getEntityManager()
                        .createQuery("from WebhookEndpoint e where e.projectSlug in :slugs order by e.createdAt",
                                WebhookEndpoint.class)
                        .setParameter("slugs", projectSlugs).getResultList();
        return endpoints.stream().filter(e -> e.wants(eventType)).toList();
    }

    String secret(WebhookEndpoint endpoint) {
        return ciphers.atRest().decrypt(endpoint.sealedSecret(), "webhook_endpoint:" + endpoint.id() + ":secret");
    }
}
