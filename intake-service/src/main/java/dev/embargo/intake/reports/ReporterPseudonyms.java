package dev.embargo.intake.reports;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.platform.crypto.CryptoConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Stable pseudonyms for anonymous reporters ({@code anon:<32 hex>}): a keyed HMAC of the client address. The same
 * client gets the same pseudonym on every replica, so rate limits, strikes, bans and resubmissions follow it, but no
 * address reaches the database, the audit log or an owner's screen, and without the key nobody can test which address a
 * pseudonym stands for (IPv4 has only 2^32 of them, so an unkeyed hash would not hide one).
 */
@Startup
@ApplicationScoped
public class ReporterPseudonyms {

    static final String PREFIX = "anon:";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    ReporterPseudonyms(SubmissionConfig config, CryptoConfig crypto) {
        this.key = new SecretKeySpec(key(config, crypto), ALGORITHM);
    }

    /** The pseudonym of a client address (resolved behind the trusted proxies). */
    public String of(String clientAddress) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(("client-address:" + clientAddress.strip().toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8));
            // 128 bits: collisions between reporters are out of reach, and the pseudonym stays short enough to show.
            return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    private static byte[] key(SubmissionConfig config, CryptoConfig crypto) {
        String configured = config.pseudonymKey().map(String::strip).orElse("");
        if (!configured.isEmpty()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(configured);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("embargo.submissions.pseudonym-key is not base64");
            }
            if (key.length < 32) {
                throw new IllegalStateException("embargo.submissions.pseudonym-key must hold at least 32 bytes");
            }
            return key;
        }
        if (crypto.requireKeysets()) {
            throw new IllegalStateException("no reporter pseudonym key configured (embargo.submissions.pseudonym-key);"
                    + " refusing to track anonymous reporters by address");
        }
        Log.warn("no reporter pseudonym key configured: generated a throwaway one for this process (dev/test only)");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
