package dev.embargo.triage.sla;

/** The SLA clocks a case runs. */
public enum MilestoneKind {
    ACKNOWLEDGE, ASSESS, FIX, DISCLOSE
}
