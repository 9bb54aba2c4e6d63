package dev.embargo.events;

/**
 * A fact that happened in one service and that other services may react to. The subject is the id of the aggregate the
 * event is about; it is the Kafka key, so one aggregate's events stay in order.
 */
public sealed interface LifecycleEvent
        permits ProjectRegistered, ProjectPolicyPublished, ProjectMembershipChanged, ReportSubmitted, CaseAcknowledged,
        CaseTriaged, CaseNeedsInfo, CaseMessagePosted, CaseProjectAdded, CaseFixed, CaseClosed, CaseDisclosureScheduled,
        CasePublished, CaseReopened, CasePublicationOverridden, SlaWarning, SlaBreached, CreditGranted {

    /** Id of the aggregate this event is about. */
    String subject();
}
