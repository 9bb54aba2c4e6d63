package dev.embargo.events;

import java.util.List;
import java.util.Map;

/**
 * What {@link ReportSubmitted#sealedContent()} holds once opened with the transport keyset (associated data
 * {@code report:<reportId>:content}). The reporter's email is sealed separately ({@code report:<reportId>:contact}).
 *
 * @param extraFields
 *            values of the fields the project's policy asks for beyond the platform's own, by the policy's field id
 */
public record ReportContent(String title, String component, String versionTested, String description, String impact,
        String stepsToReproduce, String proofOfConcept, String suggestedFix, String cvssVector, List<String> cweIds,
        CreditPreference credit, Map<String, String> extraFields) {

    public ReportContent(String title, String component, String versionTested, String description, String impact,
            String stepsToReproduce, String proofOfConcept, String suggestedFix, String cvssVector, List<String> cweIds,
            CreditPreference credit) {
        this(title, component, versionTested, description, impact, stepsToReproduce, proofOfConcept, suggestedFix,
                cvssVector, cweIds, credit, null);
    }

    /** The same content with another credit preference. */
    public ReportContent withCredit(CreditPreference preference) {
        return new ReportContent(title, component, versionTested, description, impact, stepsToReproduce, proofOfConcept,
                suggestedFix, cvssVector, cweIds, preference, extraFields);
    }

    public enum Visibility {
        PUBLIC, ANONYMOUS, NONE
    }

    /** How the reporter wants to be credited once the advisory is public. */
    public record CreditPreference(Visibility visibility, String name, String handle, String link) {
    }
}
