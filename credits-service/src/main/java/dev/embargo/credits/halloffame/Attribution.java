package dev.embargo.credits.halloffame;

import java.time.Instant;

import dev.embargo.credits.grant.Credit;
import dev.embargo.credits.link.SafeLink;
import dev.embargo.credits.researcher.ResearcherProfile;

/**
 * How one credit may be shown right now: with the name and link its researcher chose, or anonymously. Anonymous
 * attributions carry no name, handle or link, so nothing downstream can print one by mistake.
 *
 * @param researcherKey
 *            groups one researcher's credits; internal, never shown
 * @param stableId
 *            breaks ties deterministically; internal, never shown
 * @param preferred
 *            the name comes from the researcher's own profile, so it wins over names given at publication
 */
record Attribution(String trackingId, String type, String name, String handle, String link, int points,
        Instant creditedAt, boolean anonymous, boolean preferred, String researcherKey, String stableId) {

    static Attribution anonymous(String trackingId, String type, int points, Instant creditedAt, String stableId) {
        return new Attribution(trackingId, type, null, null, null, points, creditedAt, true, false, null, stableId);
    }

    static Attribution named(String trackingId, String type, String name, String handle, String link, int points,
            Instant creditedAt, boolean preferred, String researcherKey, String stableId) {
        return new Attribution(trackingId, type, name, handle, SafeLink.normalize(link).orElse(null), points,
                creditedAt, false, preferred, researcherKey, stableId);
    }

    /**
     * Applies the researcher's wishes to a credit: withdrawn consent makes every credit of theirs anonymous; a claimed
     * credit shows the profile's display name and link.
     *
     * @param profile
     *            the profile of the credit's account, or null
     */
    static Attribution of(Credit credit, ResearcherProfile profile) {
        String trackingId = credit.publication().trackingId();
        String stableId = credit.id().toString();
        if (credit.anonymous() || (profile != null && !profile.consents())) {
            return anonymous(trackingId, credit.type(), credit.points(), credit.creditedAt(), stableId);
        }
        // Once claimed and named, the profile speaks for the researcher entirely: their link, or none.
        boolean preferred = profile != null && credit.claimed() && profile.displayName() != null;
        String name = preferred ? profile.displayName() : credit.name();
        String link = preferred ? profile.link() : credit.link();
        if (name == null || name.isBlank()) {
            return anonymous(trackingId, credit.type(), credit.points(), credit.creditedAt(), stableId);
        }
        // Named by the profile only when the credit has an account, so the key never depends on the profile's name.
        return named(trackingId, credit.type(), name, credit.handle(), link, credit.points(), credit.creditedAt(),
                preferred, credit.researcherKey(), stableId);
    }
}
