package dev.embargo.triage.sla;

import dev.embargo.rules.CvssRating;

/** Qualitative severity of a case, as CVSS ranks base scores; the policy's fix targets are set per severity. */
public enum Severity {
    NONE, LOW, MEDIUM, HIGH, CRITICAL;

    /** The rating the shared CVSS helper gave a vector's score. */
    public static Severity of(CvssRating.Severity rating) {
        return valueOf(rating.name());
    }
}
