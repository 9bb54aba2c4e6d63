package dev.embargo.notification.routing;

import java.time.Instant;
import java.util.List;

import dev.embargo.notification.delivery.Deliveries;

/**
 * What one event's deliveries share.
 *
 * @param type
 *            the event type without its version, as subscriptions and the delivery log name it
 * @param projects
 *            the case's projects, lead first; the reporter's rows are filed under the lead
 */
record News(String eventId, Instant time, String type, String trackingId, List<String> projects) {

    String leadProject() {
        return projects.get(0);
    }

    Deliveries.About about() {
        return about(leadProject());
    }

    Deliveries.About about(String projectSlug) {
        return new Deliveries.About(eventId, type, projectSlug, trackingId);
    }
}
