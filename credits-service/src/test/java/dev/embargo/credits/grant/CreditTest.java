package dev.embargo.credits.grant;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.embargo.credits.DomainConflict;

/** The credit aggregate decides what it keeps, registers what it caused, and refuses claims that are not allowed. */
class CreditTest {

    private static final Instant PUBLISHED = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:05Z");

    private final Publication publication = new Publication("case-1", "OPENPANEL-2026-0042", "HIGH", PUBLISHED,
            List.of("openpanel", "partner"));

    @Test
    void grantingRegistersCreditGrantedUnderTheLeadProjectOnce() {
        Credit credit = Credit.grant(publication, 0,
                new PublishedCase.Slot("FINDER", "Nora", "@nora", "https://nora.example", false, "sub-1"), "openpanel",
                50, NOW);

        List<Credit.Granted> events = credit.releaseEvents();

        assertThat(events, contains(new Credit.Granted(credit.id(), "case-1", "OPENPANEL-2026-0042", "openpanel",
                "FINDER", "sub-1", 50, false, NOW)));
        assertThat(credit.releaseEvents(), empty());
    }

    @Test
    void keepsOnlyLinksSafeToShow() {
        Credit credit = Credit.grant(publication, 0,
                new PublishedCase.Slot("FINDER", "Nora", null, "javascript:alert(1)", false, null), "openpanel", 50,
                NOW);

        assertThat(credit.link(), nullValue());
    }

    @Test
    void aCreditWithoutANameIsAnonymousAndKeepsNothingThatNames() {
        Credit credit = Credit.grant(publication, 0,
                new PublishedCase.Slot("FINDER", "  ", "@nora", "https://nora.example", false, null), "openpanel", 50,
                NOW);

        assertThat(credit.anonymous(), equalTo(true));
        assertThat(credit.handle(), nullValue());
        assertThat(credit.link(), nullValue());
    }

    @Test
    void refusesAClaimByAnotherResearcherAndASecondClaim() {
        Credit credit = Credit.grant(publication, 0,
                new PublishedCase.Slot("REPORTER", "Nora", null, null, false, "sub-1"), "openpanel", 50, NOW);

        assertThat(assertThrows(DomainConflict.class, () -> credit.claimBy("sub-2", NOW)).kind(),
                equalTo("credit-not-claimable"));
        credit.claimBy("sub-1", NOW);
        assertThat(assertThrows(DomainConflict.class, () -> credit.claimBy("sub-1", NOW)).kind(),
                equalTo("credit-already-claimed"));
    }
}
