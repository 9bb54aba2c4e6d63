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
 */
public record ReportSubmitted(String reportId, String trackingId, String projectId, String projectSlug,
        int policyVersion, Instant submittedAt, String reportTokenHash, String reporterSubject, String sealedContent,
        String sealedContact, List<String> findings) implements LifecycleEvent {
    @Override
    public String subject() {
        return reportId;
    }
}
