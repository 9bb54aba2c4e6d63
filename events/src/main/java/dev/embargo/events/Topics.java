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
}
