package dev.embargo.portal.reporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.embargo.portal.web.PortalConfig;

class ReporterSessionTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-characters";
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private static PortalConfig config(String secret) {
        return new PortalConfig() {
            @Override
            public String sessionSecret() {
                return secret;
            }

            @Override
            public Duration reporterSessionAge() {
                return Duration.ofMinutes(30);
            }

            @Override
            public int pageSize() {
                return 25;
            }
        };
    }

    private static ReporterSession at(Instant now, String secret) {
        return new ReporterSession(config(secret), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aSealedValueOpensAgainWithTheSameSecret() {
        String value = at(T0, SECRET).sealed("FOO-2026-0001", "token-123");
        assertEquals(Optional.of(new ReporterSession.Opened("FOO-2026-0001", "token-123")),
                at(T0.plusSeconds(60), SECRET).read(value));
        // Neither the tracking id nor the token can be read from the cookie.
        String decoded = new String(Base64.getUrlDecoder().decode(value), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(decoded.contains("FOO-2026-0001") || decoded.contains("token-123"));
        assertFalse(value.contains("FOO-2026-0001") || value.contains("token-123"));
    }

    @Test
    void eachSealIsFresh() {
        var session = at(T0, SECRET);
        assertNotEquals(session.sealed("FOO-2026-0001", "t"), session.sealed("FOO-2026-0001", "t"));
    }

    @Test
    void aTamperedValueOpensNothing() {
        var session = at(T0, SECRET);
        String value = session.sealed("FOO-2026-0001", "token-123");
        byte[] raw = Base64.getUrlDecoder().decode(value);
        for (int i = 0; i < raw.length; i++) {
            byte[] changed = raw.clone();
            changed[i] ^= 0x01;
            String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertEquals(Optional.empty(), session.read(tampered), "byte " + i + " flipped");
        }
        assertEquals(Optional.empty(), session.read(value.substring(0, value.length() - 2)));
        assertEquals(Optional.empty(), session.read(value + "AA"));
        assertEquals(Optional.empty(), session.read(""));
        assertEquals(Optional.empty(), session.read("not base64 at all!"));
        assertEquals(Optional.empty(), session.read("AAAA"));
    }

    @Test
    void anotherSecretOpensNothing() {
        String value = at(T0, SECRET).sealed("FOO-2026-0001", "token-123");
        assertEquals(Optional.empty(), at(T0, SECRET + "x").read(value));
        assertEquals(Optional.empty(), at(T0, "another-secret-of-at-least-32-characters").read(value));
    }

    @Test
    void anExpiredSessionOpensNothing() {
        String value = at(T0, SECRET).sealed("FOO-2026-0001", "token-123");
        assertTrue(at(T0.plus(Duration.ofMinutes(30)), SECRET).read(value).isPresent(), "valid up to its age");
        assertEquals(Optional.empty(), at(T0.plus(Duration.ofMinutes(30)).plusSeconds(1), SECRET).read(value));
        assertEquals(Optional.empty(), at(T0.plus(Duration.ofDays(1)), SECRET).read(value));
    }

    @Test
    void aTokenWithLineBreaksStaysWhole() {
        String value = at(T0, SECRET).sealed("FOO-2026-0001", "a\nb");
        assertEquals(Optional.of(new ReporterSession.Opened("FOO-2026-0001", "a\nb")), at(T0, SECRET).read(value));
    }
}
