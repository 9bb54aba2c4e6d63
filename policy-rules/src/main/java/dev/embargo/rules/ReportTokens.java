package dev.embargo.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Report tokens: 256 random bits, URL-safe base64, stored and published only as their lowercase hex SHA-256; intake
 * issues them, triage checks them, so both must hash and compare alike.
 */
public final class ReportTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when there is no stored hash, so a miss costs what a wrong token costs. */
    private static final String NO_HASH = "0".repeat(64);

    private ReportTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lowercase hex SHA-256 of the token: what is stored and published instead of it. */
    public static String hash(String token) {
        return sha256Hex(token);
    }

    /**
     * Whether the token is the one whose hash was stored, in time independent of where they differ; a null stored hash
     * (no such report) never matches but takes the same time.
     */
    public static boolean matches(String token, String storedHash) {
        if (token == null || token.isBlank()) {
            return false;
        }
        return sameHash(hash(token), storedHash == null ? NO_HASH : storedHash.toLowerCase(Locale.ROOT))
                && storedHash != null;
    }

    /** Whether two hashes are equal, in time independent of where they differ. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** Lowercase hex SHA-256 of any text (also the fingerprint of a submission). */
    public static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
