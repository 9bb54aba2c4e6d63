package dev.embargo.portal.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * CSRF protection of every state-changing form (signed double-submit cookie): the browser holds a random value in an
 * HttpOnly, SameSite=Strict cookie, every form carries its HMAC under the portal's secret, and a POST whose field does
 * not match its cookie is refused with 403 before any resource runs. A cross-site request (Sec-Fetch-Site) is refused
 * too. Templates get the field's value as {@code {inject:csrf.token}}.
 */
@ApplicationScoped
@Named("csrf")
public class Csrf {

    public static final String COOKIE = "embargo-csrf";
    public static final String FIELD = "csrf";
    private static final String CONTEXT_KEY = "embargo.csrf.value";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    /** Pure computations a page's script asks for; they change nothing and read nothing of anybody's. */
    private static final Set<String> EXEMPT = Set.of("/cvss/score");

    private final SecretKeySpec key;
    private final RoutingContext routing;
    private final Template refused;
    private final SecureRandom random = new SecureRandom();

    Csrf(PortalConfig config, RoutingContext routing, @Location("error.html") Template refused) {
        if (config.sessionSecret().length() < 32) {
            throw new IllegalStateException("embargo.portal.session-secret must have at least 32 characters");
        }
        this.key = new SecretKeySpec(("csrf:" + config.sessionSecret()).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.routing = routing;
        this.refused = refused;
    }

    /** The value of the hidden {@value #FIELD} field of this request's forms; sets the cookie when there is none. */
    public String token() {
        String value = routing.get(CONTEXT_KEY);
        if (value == null) {
            Cookie cookie = routing.request().getCookie(COOKIE);
            value = cookie == null ? null : cookie.getValue();
            if (value == null || value.length() != 43) {
                byte[] b = new byte[32];
                random.nextBytes(b);
                value = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                routing.response().addCookie(Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT).setSecure(routing.request().isSSL()));
            }
            routing.put(CONTEXT_KEY, value);
        }
        return sign(value);
    }

    public String parameterName() {
        return FIELD;
    }

    @ServerRequestFilter
    @WithFormRead
    public void verify(ResteasyReactiveContainerRequestContext request) {
        if (SAFE.contains(request.getMethod()) || EXEMPT.contains(request.getUriInfo().getPath())) {
            return;
        }
        if ("cross-site".equals(request.getHeaderString("Sec-Fetch-Site"))) {
            request.abortWith(refuse());
            return;
        }
        Cookie cookie = routing.request().getCookie(COOKIE);
        Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext()).getFormParameter(FIELD,
                true, false);
        if (cookie == null || !(field instanceof String given)
                || !MessageDigest.isEqual(sign(cookie.getValue()).getBytes(StandardCharsets.US_ASCII),
                        given.getBytes(StandardCharsets.US_ASCII))) {
            request.abortWith(refuse());
        }
    }

    private Response refuse() {
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE)
                .entity(refused.data("title", "This form has expired")
                        .data("detail", "Reload the page and send the form again.").data("status", 403)
                        .data("conflict", false).data("fields", Map.of()).data("back", null).render())
                .build();
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
