package dev.embargo.portal.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The editor's CVSS 3.1 choices and the live score. */
class CvssTest {

    private static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N";

    @Test
    void aVectorRoundTripsThroughTheChoices() {
        Map<String, String> chosen = Cvss31.parse(CRITICAL);
        assertEquals(Map.of("AV", "N", "AC", "L", "PR", "N", "UI", "N", "S", "U", "C", "H", "I", "H", "A", "N"),
                chosen);
        assertEquals(CRITICAL, Cvss31.vector(chosen));
        String other = "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:C/C:L/I:N/A:H";
        assertEquals(other, Cvss31.vector(Cvss31.parse(other)));
    }

    @Test
    void theVectorFollowsTheSpecificationsOrderWhateverTheOrderOfTheChoices() {
        Map<String, String> chosen = new HashMap<>(Cvss31.parse(CRITICAL));
        var reversed = new java.util.LinkedHashMap<String, String>();
        java.util.List.of("A", "I", "C", "S", "UI", "PR", "AC", "AV").forEach(k -> reversed.put(k, chosen.get(k)));
        assertEquals(CRITICAL, Cvss31.vector(reversed));
    }

    @Test
    void incompleteOrUnknownChoicesMakeNoVector() {
        for (Cvss31.Metric m : Cvss31.METRICS) {
            Map<String, String> missing = new HashMap<>(Cvss31.parse(CRITICAL));
            missing.remove(m.key());
            assertNull(Cvss31.vector(missing), "without " + m.key());
            Map<String, String> unknown = new HashMap<>(Cvss31.parse(CRITICAL));
            unknown.put(m.key(), "X");
            assertNull(Cvss31.vector(unknown), m.key() + ":X");
        }
        assertNull(Cvss31.vector(Map.of()));
    }

    @Test
    void onlyA31VectorHasChoices() {
        assertEquals(Map.of(), Cvss31.parse(null));
        assertEquals(Map.of(), Cvss31.parse(""));
        assertEquals(Map.of(), Cvss31.parse("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N"));
        assertEquals(Map.of(), Cvss31.parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"));
        assertEquals(Map.of(), Cvss31.parse("AV:N/AC:L"));
    }

    @Test
    void aCriticalVectorScores91() {
        assertEquals(new CvssScores.Score(true, 9.1, "CRITICAL"), CvssScores.of(CRITICAL));
        assertEquals(new CvssScores.Score(true, 9.1, "CRITICAL"), CvssScores.of("  " + CRITICAL + "\n"));
    }

    @Test
    void otherRatings() {
        assertEquals(new CvssScores.Score(true, 9.8, "CRITICAL"),
                CvssScores.of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
        assertEquals(new CvssScores.Score(true, 6.1, "MEDIUM"),
                CvssScores.of("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"));
        assertEquals(new CvssScores.Score(true, 0.0, "NONE"),
                CvssScores.of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"));
        assertEquals("LOW", CvssScores.severity(3.9));
        assertEquals("MEDIUM", CvssScores.severity(4.0));
        assertEquals("HIGH", CvssScores.severity(7.0));
        assertEquals("HIGH", CvssScores.severity(8.9));
        assertEquals("CRITICAL", CvssScores.severity(9.0));
    }

    @Test
    void aCvss40VectorScores() {
        var score = CvssScores.of("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
        assertTrue(score.valid(), score.toString());
        assertEquals(9.3, score.score());
        assertEquals("CRITICAL", score.severity());
    }

    @ParameterizedTest
    @ValueSource(strings = { "garbage", "CVSS:3.1/", "CVSS:3.1/AV:N/AC:L",
            "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N", "CVSS:9.9/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N", "   ",
            "<script>" })
    void garbageIsNotValid(String vector) {
        var score = CvssScores.of(vector);
        assertFalse(score.valid(), vector + " → " + score);
        assertNull(score.score());
        assertNull(score.severity());
    }

    @Test
    void nothingOrTooLongIsNotValid() {
        assertFalse(CvssScores.of(null).valid());
        assertFalse(CvssScores.of(CRITICAL + "/" + "E:X/".repeat(60)).valid());
        assertFalse(new CvssScores().score(null).valid());
        assertTrue(new CvssScores().score(new CvssScores.Request(CRITICAL)).valid());
    }
}
