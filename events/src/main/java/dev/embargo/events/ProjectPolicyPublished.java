package dev.embargo.events;

import java.time.Instant;

/**
 * A project's owners published a new, immutable version of its security policy. The policy document is carried whole so
 * consumers can keep their own read model of the rules they need (SLA targets, disclosure, notification opt-ins).
 */
public record ProjectPolicyPublished(String projectId, String slug, int version, Instant publishedAt,
        SecurityPolicy policy) implements LifecycleEvent {
    @Override
    public String subject() {
        return projectId;
    }
}
