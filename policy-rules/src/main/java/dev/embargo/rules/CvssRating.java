package dev.embargo.rules;

import us.springett.cvss.Cvss;
import us.springett.cvss.CvssV3_1;
import us.springett.cvss.CvssV4;

/** A validated CVSS 3.1 or 4.0 vector with its base score and qualitative severity, scored by cvss-calculator. */
public record CvssRating(String vector, double score, Severity severity) {

    /** The qualitative rating CVSS v3.1 and v4.0 give a base score. */
    public enum Severity {
        NONE, LOW, MEDIUM, HIGH, CRITICAL;

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
        double score;
        try {
            score = cvss.calculateScore().getBaseScore();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("incomplete CVSS vector");
        }
        return new CvssRating(vector, score, Severity.ofScore(score));
    }

    /** Whether the vector is a complete, valid CVSS 3.1 or 4.0 vector. */
    public static boolean isValid(String vector) {
        try {
            of(vector);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String version() {
        return vector.startsWith("CVSS:4.0/") ? "4.0" : "3.1";
    }
}
