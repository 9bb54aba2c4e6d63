package dev.embargo.events;

import java.util.Arrays;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The catalog: each event's versioned CloudEvents type, its topic and its record. */
public enum EventType {
    PROJECT_REGISTERED("project.registered.v1", Topics.INTAKE_PROJECTS, ProjectRegistered.class),
    PROJECT_POLICY_PUBLISHED("project.policy-published.v1", Topics.INTAKE_PROJECTS, ProjectPolicyPublished.class),
    PROJECT_MEMBERSHIP_CHANGED("project.membership-changed.v1", Topics.INTAKE_PROJECTS, ProjectMembershipChanged.class),
    REPORT_SUBMITTED("report.submitted.v1", Topics.INTAKE_REPORTS, ReportSubmitted.class),
    CASE_ACKNOWLEDGED("case.acknowledged.v1", Topics.TRIAGE_CASES, CaseAcknowledged.class),
    CASE_TRIAGED("case.triaged.v1", Topics.TRIAGE_CASES, CaseTriaged.class),
    CASE_NEEDS_INFO("case.needs-info.v1", Topics.TRIAGE_CASES, CaseNeedsInfo.class),
    CASE_MESSAGE_POSTED("case.message-posted.v1", Topics.TRIAGE_CASES, CaseMessagePosted.class),
    CASE_PROJECT_ADDED("case.project-added.v1", Topics.TRIAGE_CASES, CaseProjectAdded.class),
    CASE_FIXED("case.fixed.v1", Topics.TRIAGE_CASES, CaseFixed.class),
    CASE_CLOSED("case.closed.v1", Topics.TRIAGE_CASES, CaseClosed.class),
    CASE_DISCLOSURE_SCHEDULED("case.disclosure-scheduled.v1", Topics.TRIAGE_CASES, CaseDisclosureScheduled.class),
    CASE_PUBLISHED("case.published.v1", Topics.TRIAGE_CASES, CasePublished.class),
    CASE_REOPENED("case.reopened.v1", Topics.TRIAGE_CASES, CaseReopened.class),
    CASE_PUBLICATION_OVERRIDDEN("case.publication-overridden.v1", Topics.TRIAGE_CASES, CasePublicationOverridden.class),
    SLA_WARNING("sla.warning.v1", Topics.TRIAGE_SLA, SlaWarning.class),
    SLA_BREACHED("sla.breached.v1", Topics.TRIAGE_SLA, SlaBreached.class),
    CREDIT_GRANTED("credit.granted.v1", Topics.CREDITS_CREDITS, CreditGranted.class);

    private final String type;
    private final String topic;
    private final Class<? extends LifecycleEvent> recordType;

    EventType(String type, String topic, Class<? extends LifecycleEvent> recordType) {
        this.type = type;
        this.topic = topic;
        this.recordType = recordType;
    }

    /** The CloudEvents {@code type}, versioned, e.g. {@code report.submitted.v1}. */
    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends LifecycleEvent> recordType() {
        return recordType;
    }

    /** Classpath location of the JSON Schema of this event. */
    public String schemaResource() {
        return "/schemas/" + type + ".json";
    }

    /**
     * The event types a project's webhook may subscribe to, unversioned ({@code case.published}): the case lifecycle,
     * its deadlines and new reports, never membership or credit events.
     */
    public static SortedSet<String> webhookTypes() {
        return Arrays.stream(values()).map(EventType::type)
                .filter(t -> t.startsWith("case.") || t.startsWith("sla.") || t.startsWith("report.submitted"))
                .map(t -> t.replaceFirst("\\.v\\d+$", "")).collect(Collectors.toCollection(TreeSet::new));
    }

    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    public static EventType of(LifecycleEvent event) {
        return Arrays.stream(values()).filter(t -> t.recordType == event.getClass()).findFirst().orElseThrow();
    }
}
