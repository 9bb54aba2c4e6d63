package dev.embargo.events;

/** Kafka topic names of the lifecycle events. */
public final class Topics {
    public static final String INTAKE_PROJECTS = "intake.projects";
    public static final String INTAKE_REPORTS = "intake.reports";
    public static final String TRIAGE_CASES = "triage.cases";
    public static final String TRIAGE_SLA = "triage.sla";
    public static final String CREDITS_CREDITS = "credits.credits";

    private Topics() {
    }

    /**
     * The CloudEvents {@code source} of the one service that produces a topic ({@code /<quarkus.application.name>}):
     * consumers refuse an event on the topic from anyone else. Empty for a topic that is not part of the contract.
     */
    public static java.util.Optional<String> producerSource(String topic) {
        return java.util.Optional.ofNullable(switch (topic) {
        case INTAKE_PROJECTS, INTAKE_REPORTS -> "/intake-service";
        case TRIAGE_CASES, TRIAGE_SLA -> "/triage-service";
        case CREDITS_CREDITS -> "/credits-service";
        default -> null;
        });
    }
}
