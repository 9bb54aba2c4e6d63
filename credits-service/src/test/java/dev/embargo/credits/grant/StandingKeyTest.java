package dev.embargo.credits.grant;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

class StandingKeyTest {

    @Test
    void accountWinsOverTheNameGiven() {
        assertThat(Credit.researcherKeyOf("sub-1", "Alice"), equalTo("account:sub-1"));
        assertThat(Credit.standingKeyOf("sub-1", null, "case-1"), equalTo("account:sub-1"));
    }

    @Test
    void namesGroupTrimmedAndCaseInsensitive() {
        assertThat(Credit.researcherKeyOf(null, "  Alice Finder "), equalTo("name:alice finder"));
        assertThat(Credit.researcherKeyOf(null, "ALICE FINDER"), equalTo("name:alice finder"));
    }

    @Test
    void creditsNamingNobodyAreGroupedByTheirCase() {
        assertThat(Credit.researcherKeyOf(null, " "), nullValue());
        assertThat(Credit.standingKeyOf(null, null, "case-1"), equalTo("case:case-1"));
        assertThat(Credit.standingKeyOf(null, "", "case-1"), equalTo("case:case-1"));
    }
}
