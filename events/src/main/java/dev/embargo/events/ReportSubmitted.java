package dev.embargo.events;

import java.time.Instant;
import java.util.List;

/**
 * A reporter submitted a vulnerability report that passed the project's submission gate. Everything that describes the
 * vulnerability or the reporter travels only inside {@code sealedContent} and {@code sealedContact}: AEAD ciphertexts
 * under the platform's transport keyset, bound to the report id.
 *
 * @param policyVersion
 *            version of the project policy the report was checked against
 * @param reportTokenHash
 *            SHA-256 (hex) of the report token the reporter holds; the token itself never leaves intake
 * @param reporterSubject
 *            OIDC subject of a signed-in reporter, absent for anonymous reports
 * @param sealedContent
 *            base64 ciphertext of the report content JSON (title, description, credit preference, ...)
 * @param sealedContact
 *            base64 ciphertext of the reporter's contact email, absent when none was given
 * @param findings
 *            codes of what the gate flagged, such as {@code out-of-scope:self-xss}; never report text
 * @param findingDetails
 *            each finding with the sentence of the (public) policy behind it; absent from older producers
 */
public record ReportSubmitted(String reportId, String trackingId, String projectId, String projectSlug,
        int policyVersion, Instant submittedAt, String reportTokenHash, String reporterSubject, String sealedContent,
        String sealedContact, List<String> findings, List<Finding> findingDetails) implements LifecycleEvent {

    public ReportSubmitted(String reportId, String trackingId, String projectId, String projectSlug, int policyVersion,
            Instant submittedAt, String reportTokenHash, String reporterSubject, String sealedContent,
            String sealedContact, List<String> findings) {
        this(reportId, trackingId, projectId, projectSlug, policyVersion, submittedAt, reportTokenHash, reporterSubject,
                sealedContent, sealedContact, findings, null);
    }

    /**
     * One thing the gate flagged.
     *
     * @param code
     *            stable code such as {@code out-of-scope:self-xss} or {@code known-design-decision:<id>}
     * @param policySentence
     *            the policy's own words the finding rests on; absent when the policy has none for it
     */
    public record Finding(String code, String policySentence) {
    }

    @Override
    public String subject() {
        return reportId;
    }
}
