package dev.embargo.platform.proxies;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.logging.Log;

/**
 * Stable pseudonyms for clients known only by their address ({@code anon:<32 hex>}): HMAC-SHA-256 of the address under
 * a secret key. The same client gets the same pseudonym on every replica that has the key, so limits and bans follow
 * it, while no address is stored and, without the key, nobody can test which address a pseudonym stands for (IPv4 has
 * only 2^32 addresses, so an unkeyed hash would hide none).
 */
public final class ClientPseudonyms {

    public static final String PREFIX = "anon:";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /** A Mac is not thread-safe, and looking one up and keying it costs more than the HMAC: one per thread, reused. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::keyedMac);

    private ClientPseudonyms(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        keyedMac();
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    /**
     * The pseudonyms under the configured key (base64, at least 32 bytes). Without one: refused when {@code required}
     * (production), else a throwaway key for this process (dev, test).
     */
    public static ClientPseudonyms withKey(Optional<String> configured, boolean required, String property) {
        String value = configured.map(String::strip).orElse("");
        if (!value.isEmpty()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(property + " is not base64");
            }
            if (key.length < 32) {
                throw new IllegalStateException(property + " must hold at least 32 bytes");
            }
            return new ClientPseudonyms(key);
        }
        if (required) {
            throw new IllegalStateException(
                    "no client pseudonym key configured (" + property + "); refusing to track clients by address");
        }
        Log.warnf("no client pseudonym key configured (%s): generated a throwaway one for this process (dev/test only)",
                property);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new ClientPseudonyms(key);
    }

    /** The pseudonym of a client address. */
    public String of(String clientAddress) {
        // doFinal leaves the Mac reset for the next use on this thread.
        byte[] digest = macs.get().doFinal(
                ("client-address:" + clientAddress.strip().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
        // 128 bits: collisions between clients are out of reach, and the pseudonym stays short enough to show.
        return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
    }
}
