package dev.embargo.triage.cases;

/** Qualitative severity, as CVSS ranks base scores. */
public enum Severity {
    NONE, LOW, MEDIUM, HIGH, CRITICAL;

    /** The CVSS v3.1/v4.0 qualitative rating of a base score. */
    public static Severity ofScore(double score) {
        if (score >= 9.0) {
            return CRITICAL;
        }
        if (score >= 7.0) {
            return HIGH;
        }
        if (score >= 4.0) {
            return MEDIUM;
        }
        return score > 0.0 ? LOW : NONE;
    }
}
