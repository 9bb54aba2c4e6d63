package dev.embargo.events;

import java.time.Instant;
import java.util.Objects;

/**
 * CloudEvents 1.0 attributes of one lifecycle event. On Kafka they travel in binary mode as {@code ce_*} headers (see
 * {@link CloudEventHeaders}); the record value is the event's JSON.
 *
 * @param id
 *            unique per event; consumers deduplicate on it
 * @param type
 *            versioned type such as {@code report.submitted.v1}
 * @param source
 *            the producing service, as a URI reference such as {@code /intake-service}
 * @param time
 *            when the fact happened
 * @param subject
 *            id of the aggregate, also the Kafka key
 */
public record EventEnvelope(String id, String type, String source, Instant time, String subject) {
    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
    }
}
