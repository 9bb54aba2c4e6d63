package dev.embargo.triage.cases;

/** The SLA clocks a case runs. */
public enum MilestoneKind {
    ACKNOWLEDGE, ASSESS, FIX, DISCLOSE
}
