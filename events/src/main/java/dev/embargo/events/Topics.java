package dev.embargo.events;

import java.util.Map;
import java.util.Optional;

/**
 * Kafka topic names of the lifecycle events, and each topic's one producer: the CloudEvents {@code source} every event
 * on it carries ({@code /<service>}, the producing service's application name). Consumers refuse an event whose source
 * is not its topic's producer, so nothing else that reaches the brokers can speak for a service.
 */
public final class Topics {
    public static final String INTAKE_PROJECTS = "intake.projects";
    public static final String INTAKE_REPORTS = "intake.reports";
    public static final String TRIAGE_CASES = "triage.cases";
    public static final String TRIAGE_SLA = "triage.sla";
    public static final String CREDITS_CREDITS = "credits.credits";

    private static final Map<String, String> PRODUCERS = Map.of(INTAKE_PROJECTS, "/intake-service", INTAKE_REPORTS,
            "/intake-service", TRIAGE_CASES, "/triage-service", TRIAGE_SLA, "/triage-service", CREDITS_CREDITS,
            "/credits-service");

    private Topics() {
    }

    /** The CloudEvents {@code source} of the one service that publishes to the topic; empty for a topic not listed. */
    public static Optional<String> producer(String topic) {
        return Optional.ofNullable(PRODUCERS.get(topic));
    }
}
