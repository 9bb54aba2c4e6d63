package dev.embargo.portal.web;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.ext.web.Router;

/**
 * The headers every response carries, pages, static files and sign-in redirects alike: a strict Content-Security-Policy
 * (scripts and styles only from the portal itself, no inline script, no eval, no framing), no referrer, no sniffing,
 * and nothing cached, because every page may hold unpublished report content.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CSP_BASE = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private final String csp;

    SecurityHeaders(@ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServer) {
        // A form posted after the session ended is answered with the redirect to the sign-in page, which form-action
        // must allow; nothing else may be a form's target.
        this.csp = CSP_BASE + authServer.map(SecurityHeaders::origin).map(o -> " " + o).orElse("");
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            ctx.addHeadersEndHandler(v -> {
                var h = ctx.response().headers();
                h.set("Content-Security-Policy", csp);
                h.set("X-Frame-Options", "DENY");
                h.set("Referrer-Policy", "no-referrer");
                h.set("X-Content-Type-Options", "nosniff");
                h.set("Cross-Origin-Opener-Policy", "same-origin");
                h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
                if (!ctx.request().path().startsWith("/static/")) {
                    h.set("Cache-Control", "no-store");
                    h.set("Pragma", "no-cache");
                }
            });
            ctx.next();
        });
    }

    static String origin(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
