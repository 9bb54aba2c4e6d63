package dev.embargo.notification.webhooks;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A project's webhook: where to, which event types, the signing secret (encrypted) and whether it keeps failing. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint {

    public enum Status {
        ACTIVE, FAILING
    }

    @Id
    private UUID id;
    @Column(name = "project_slug")
    private String projectSlug;
    private String url;
    @Column(name = "event_types")
    private String eventTypes;
    private byte[] secret;
    @Column(name = "secret_fingerprint")
    private String secretFingerprint;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "consecutive_failures")
    private int consecutiveFailures;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "created_at")
    private Instant createdAt;

    protected WebhookEndpoint() {
    }

    WebhookEndpoint(UUID id, String projectSlug, String url, List<String> eventTypes, byte[] sealedSecret,
            String secretFingerprint, String createdBy, Instant createdAt) {
        this.id = id;
        this.projectSlug = projectSlug;
        this.url = url;
        this.eventTypes = String.join(",", eventTypes);
        this.secret = sealedSecret;
        this.secretFingerprint = secretFingerprint;
        this.status = Status.ACTIVE;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    boolean wants(String eventType) {
        return eventTypes().contains(eventType);
    }

    /** A delivery was given up after all its attempts: the endpoint shows as failing until one succeeds again. */
    void deliveryGivenUp() {
        consecutiveFailures++;
        status = Status.FAILING;
    }

    void deliverySucceeded() {
        consecutiveFailures = 0;
        status = Status.ACTIVE;
    }

    public UUID id() {
        return id;
    }

    public String projectSlug() {
        return projectSlug;
    }

    public String url() {
        return url;
    }

    public List<String> eventTypes() {
        return Arrays.asList(eventTypes.split(","));
    }

    public String secretFingerprint() {
        return secretFingerprint;
    }

    public Status status() {
        return status;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public Instant createdAt() {
        return createdAt;
    }

    byte[] sealedSecret() {
        return secret;
    }
}
