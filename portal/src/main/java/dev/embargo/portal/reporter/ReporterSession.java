package dev.embargo.portal.reporter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.embargo.portal.web.PortalConfig;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * A reporter's short-lived session for one case, opened with its tracking id and report token: an AES-GCM sealed,
 * HttpOnly, SameSite=Strict cookie on /reporter holding the tracking id, the token and the expiry. The token is never
 * in a URL, a page after the first one, or a log; the portal keeps nothing server-side.
 */
@ApplicationScoped
public class ReporterSession {

    static final String COOKIE = "embargo-report";
    static final String PATH = "/reporter";

    /** The case the session is bound to and the token that opens it. */
    public record Opened(String trackingId, String token) {
    }

    private final SecretKeySpec key;
    private final PortalConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Inject
    ReporterSession(PortalConfig config) {
        this(config, Clock.systemUTC());
    }

    ReporterSession(PortalConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        try {
            byte[] k = MessageDigest.getInstance("SHA-256")
                    .digest(("reporter-session:" + config.sessionSecret()).getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(k, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public void open(RoutingContext ctx, String trackingId, String token) {
        ctx.response()
                .addCookie(Cookie.cookie(COOKIE, sealed(trackingId, token)).setPath(PATH).setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT).setSecure(ctx.request().isSSL())
                        .setMaxAge(config.reporterSessionAge().toSeconds()));
    }

    public Optional<Opened> current(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(COOKIE);
        if (c == null) {
            return Optional.empty();
        }
        return read(c.getValue());
    }

    /** The cookie value of a session for the case, expiring after the configured age. */
    String sealed(String trackingId, String token) {
        long expires = clock.instant().plus(config.reporterSessionAge()).getEpochSecond();
        return seal(expires + "\n" + trackingId + "\n" + token);
    }

    /** The session a cookie value holds; empty when it was not sealed with this secret, was changed or expired. */
    Optional<Opened> read(String value) {
        return open(value).flatMap(plain -> {
            String[] parts = plain.split("\n", 3);
            if (parts.length != 3 || Instant.ofEpochSecond(Long.parseLong(parts[0])).isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new Opened(parts[1], parts[2]));
        });
    }

    public void close(RoutingContext ctx) {
        ctx.response().addCookie(Cookie.cookie(COOKIE, "").setPath(PATH).setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(ctx.request().isSSL()).setMaxAge(0));
    }

    private String seal(String plain) {
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(COOKIE.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<String> open(String value) {
        try {
            byte[] all = Base64.getUrlDecoder().decode(value);
            if (all.length < 13) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            cipher.updateAAD(COOKIE.getBytes(StandardCharsets.US_ASCII));
            return Optional.of(new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
