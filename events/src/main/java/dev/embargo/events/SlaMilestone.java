package dev.embargo.events;

/** The SLA clocks of a case per project; carried by name in the JSON. */
public enum SlaMilestone {
    ACKNOWLEDGE, ASSESS, FIX, DISCLOSE
}
