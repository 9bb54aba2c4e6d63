package dev.embargo.triage.cases;

import dev.embargo.rules.CvssRating;
import dev.embargo.triage.sla.Severity;

/** A case's rating: from a CVSS vector (its score and severity by the shared CVSS helper), or a plain severity. */
record Rating(Severity severity, String vector, Double score) {

    /** A vector wins over a plain severity; one of them is needed. */
    static Rating of(String vector, Severity severity) {
        if (vector != null) {
            try {
                CvssRating r = CvssRating.of(vector);
                return new Rating(Severity.of(r.severity()), r.vector(), r.score());
            } catch (IllegalArgumentException e) {
                throw CaseRefusal.of(CaseRefusal.Kind.INVALID_CVSS,
                        "The vector is not a valid CVSS 3.1 or 4.0 vector.");
            }
        }
        if (severity == null) {
            throw CaseRefusal.of(CaseRefusal.Kind.SEVERITY_REQUIRED, "Triage needs a CVSS vector or a severity.");
        }
        return new Rating(severity, null, null);
    }
}
