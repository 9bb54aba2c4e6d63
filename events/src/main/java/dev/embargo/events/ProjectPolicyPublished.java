package dev.embargo.events;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A project's owners published a new, immutable version of its security policy. The policy document is carried whole so
 * consumers can keep their own read model of the rules they need (SLA targets, disclosure, notification opt-ins).
 */
public record ProjectPolicyPublished(String projectId, String slug, int version, Instant publishedAt, JsonNode policy)
        implements LifecycleEvent {
    @Override
    public String subject() {
        return projectId;
    }
}
