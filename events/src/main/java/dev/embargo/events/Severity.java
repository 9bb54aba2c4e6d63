package dev.embargo.events;

/** How severe a confirmed vulnerability is, as CVSS names the ranges; carried by name in the JSON. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, NONE
}
