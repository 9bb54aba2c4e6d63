package dev.embargo.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Scores of well-known vectors as the FIRST reference calculators (and NVD / the CVE and CSAF examples) give them. */
class CvssRatingTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            // CVSS 3.1
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8, CRITICAL",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L, 7.3, HIGH",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1, MEDIUM",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0, CRITICAL",
            "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 7.8, HIGH",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H, 7.5, HIGH",
            "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 8.8, HIGH",
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N, 5.9, MEDIUM",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N, 5.3, MEDIUM",
            "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:L/E:F/RL:O/RC:C, 6.1, MEDIUM",
            "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N, 0.0, NONE",
            // CVSS 4.0
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 9.3, CRITICAL",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H, 10.0, CRITICAL",
            "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 8.5, HIGH",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N, 0.0, NONE" })
    void scoresMatchTheReferenceCalculator(String vector, double score, CvssRating.Severity severity) {
        assertTrue(CvssRating.isValid(vector));
        CvssRating r = CvssRating.of(vector);
        assertEquals(score, r.score(), 0.0001);
        assertEquals(severity, r.severity());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N", "CVSS:4.0/AV:N/AC:L", "<script>",
            "CVSS:3.1/AV:N/AC:Q", "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", "not a vector" })
    @NullSource
    void rejectsWhatIsNotAValidVersion31Or40Vector(String vector) {
        assertThrows(IllegalArgumentException.class, () -> CvssRating.of(vector));
        assertFalse(CvssRating.isValid(vector));
    }
}
