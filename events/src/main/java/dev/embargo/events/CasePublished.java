package dev.embargo.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The case was disclosed: its advisory is public now.
 *
 * @param advisory
 *            the advisory in OSV format
 * @param credits
 *            credits the reporter and others consented to; anonymous ones carry no name
 */
public record CasePublished(String caseId, String trackingId, List<String> projectSlugs, Instant occurredAt,
        Severity severity, Double cvssScore, String reporterSubject, JsonNode advisory, List<Credit> credits)
        implements LifecycleEvent {

    /**
     * One credit of a published advisory.
     *
     * @param type
     *            what the person did, as CVE and OSV name it
     * @param name
     *            display name, absent when anonymous
     * @param researcherSubject
     *            OIDC subject of a signed-in reporter, so they can claim the credit later
     */
    public record Credit(CreditType type, String name, String handle, String link, boolean anonymous,
            String researcherSubject) {
    }

    @Override
    public String subject() {
        return caseId;
    }
}
