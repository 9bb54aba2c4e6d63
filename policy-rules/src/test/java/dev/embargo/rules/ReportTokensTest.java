package dev.embargo.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReportTokensTest {

    @Test
    void tokensCarry256RandomBitsInUrlSafeBase64() {
        String token = ReportTokens.generate();
        assertEquals(43, token.length());
        assertTrue(token.matches("[A-Za-z0-9_-]+"));
        assertNotEquals(token, ReportTokens.generate());
    }

    @Test
    void theHashIsLowercaseHexSha256() {
        // SHA-256("abc") from FIPS 180-2.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ReportTokens.hash("abc"));
    }

    @Test
    void aTokenMatchesOnlyItsOwnHashWhateverTheHashsCase() {
        String token = ReportTokens.generate();
        String hash = ReportTokens.hash(token);
        assertTrue(ReportTokens.matches(token, hash));
        assertTrue(ReportTokens.matches(token, hash.toUpperCase()));
        assertFalse(ReportTokens.matches(token + "x", hash));
        assertFalse(ReportTokens.matches(token, null));
        assertFalse(ReportTokens.matches(null, hash));
        assertFalse(ReportTokens.matches(" ", ReportTokens.hash(" ")));
        assertFalse(ReportTokens.matches(token, "0".repeat(64)));
    }
}
