package dev.embargo.events;

/** What a credited person did, in the CVE/OSV vocabulary of credit types; carried by name in the JSON. */
public enum CreditType {
    FINDER, REPORTER, ANALYST, COORDINATOR, REMEDIATION_DEVELOPER, REMEDIATION_REVIEWER, REMEDIATION_VERIFIER, TOOL,
    SPONSOR, OTHER
}
