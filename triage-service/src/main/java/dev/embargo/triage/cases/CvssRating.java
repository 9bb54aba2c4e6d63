package dev.embargo.triage.cases;

import us.springett.cvss.Cvss;
import us.springett.cvss.CvssV3_1;
import us.springett.cvss.CvssV4;

/** A validated CVSS 3.1 or 4.0 vector with its base score and qualitative severity, scored by cvss-calculator. */
public record CvssRating(String vector, double score, Severity severity) {

    /** Parses and scores; throws {@link IllegalArgumentException} for anything but a valid 3.1 or 4.0 vector. */
    public static CvssRating of(String vector) {
        if (vector == null || !(vector.startsWith("CVSS:3.1/") || vector.startsWith("CVSS:4.0/"))) {
            throw new IllegalArgumentException("not a CVSS 3.1 or 4.0 vector");
        }
        Cvss cvss;
        try {
            cvss = Cvss.fromVector(vector);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed CVSS vector");
        }
        if (!(cvss instanceof CvssV3_1) && !(cvss instanceof CvssV4)) {
            throw new IllegalArgumentException("not a CVSS 3.1 or 4.0 vector");
        }
        double score = cvss.calculateScore().getBaseScore();
        return new CvssRating(vector, score, Severity.ofScore(score));
    }

    public String version() {
        return vector.startsWith("CVSS:4.0/") ? "4.0" : "3.1";
    }
}
