package dev.embargo.events;

import java.time.Instant;

/**
 * A researcher was credited in the hall of fame for a published case.
 *
 * @param researcherSubject
 *            OIDC subject of the credited researcher, absent for credits not tied to an account
 */
public record CreditGranted(String creditId, String caseId, String trackingId, String projectSlug,
        CreditType creditType, String researcherSubject, int points, boolean anonymous, Instant grantedAt)
        implements LifecycleEvent {
    @Override
    public String subject() {
        return creditId;
    }
}
