package dev.embargo.credits.researcher;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the researcher profile API. */
final class ResearcherApi {

    private ResearcherApi() {
    }

    /**
     * @param displayName
     *            how to be named in the hall of fame; printable text, no line breaks
     * @param link
     *            an http(s) page about the researcher, or null
     */
    record ProfileRequest(
            @Size(min = 1, max = 100) @Pattern(regexp = "[^\\p{Cntrl}\\p{Zl}\\p{Zp}]*") String displayName,
            @Size(max = 500) String link) {
    }

    record ConsentRequest(@NotNull Boolean granted) {
    }

    record ProfileResponse(String displayName, String link, boolean consent, int claimedCredits, int unclaimedCredits,
            int points, List<OwnCredit> credits) {
    }

    /** One of the researcher's own credits; only published advisories exist here. */
    record OwnCredit(String trackingId, String type, int points, int year, boolean anonymous, boolean claimed) {
    }

    record ClaimResponse(int claimed) {
    }
}
