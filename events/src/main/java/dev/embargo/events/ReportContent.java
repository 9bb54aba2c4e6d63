package dev.embargo.events;

import java.util.List;

/**
 * What {@link ReportSubmitted#sealedContent()} holds once opened with the transport keyset (associated data
 * {@code report:<reportId>:content}). The reporter's email is sealed separately ({@code report:<reportId>:contact}).
 */
public record ReportContent(String title, String component, String versionTested, String description, String impact,
        String stepsToReproduce, String proofOfConcept, String suggestedFix, String cvssVector, List<String> cweIds,
        CreditPreference credit) {

    public enum Visibility {
        PUBLIC, ANONYMOUS, NONE
    }

    /** How the reporter wants to be credited once the advisory is public. */
    public record CreditPreference(Visibility visibility, String name, String handle, String link) {
    }
}
