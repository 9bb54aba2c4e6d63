package dev.embargo.portal.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is reading the page, as the layout shows it ({@code {inject:me.name}}): signed in or not, their name, whether
 * they are a platform admin, and the time zone their browser reported (cookie {@code tz}, set by the page script; UTC
 * without it). Decides nothing: the services authorise every call.
 */
@RequestScoped
@Named("me")
public class Viewer {

    private final SecurityIdentity identity;
    private final RoutingContext routing;
    @Inject
    @IdToken
    JsonWebToken idToken;

    Viewer(SecurityIdentity identity, RoutingContext routing) {
        this.identity = identity;
        this.routing = routing;
    }

    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    public String name() {
        if (!signedIn()) {
            return null;
        }
        String name = idToken.getClaim("name");
        return name != null ? name : idToken.getClaim("preferred_username");
    }

    public String subject() {
        return signedIn() ? idToken.getSubject() : null;
    }

    public boolean admin() {
        return identity.hasRole("platform-admin");
    }

    public boolean reporter() {
        return identity.hasRole("reporter");
    }

    public ZoneId zone() {
        Cookie tz = routing.request().getCookie("tz");
        if (tz != null) {
            try {
                return ZoneId.of(URLDecoder.decode(tz.getValue(), StandardCharsets.UTF_8));
            } catch (DateTimeException | IllegalArgumentException e) {
                // an unknown zone name: fall back to UTC
            }
        }
        return ZoneId.of("UTC");
    }

    /** The zone's IANA name, for the services' {@code ?tz=} and for the pages. */
    public String zoneName() {
        return zone().getId();
    }

    /** The browser's address, passed to intake so per-client limits and bans apply to the reporter. */
    public String clientAddress() {
        return routing.request().remoteAddress() == null ? null : routing.request().remoteAddress().hostAddress();
    }
}
