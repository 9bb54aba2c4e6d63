package dev.embargo.events;

import java.time.Instant;

/** A hosted project was registered on the platform. */
public record ProjectRegistered(String projectId, String slug, String name, String homepage, Instant registeredAt)
        implements LifecycleEvent {
    @Override
    public String subject() {
        return projectId;
    }
}
