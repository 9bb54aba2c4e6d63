package dev.embargo.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * What every service does with a token that is not an Embargo access token: walks every operation of the service's
 * OpenAPI document with a token issued for another audience (another client of the realm), an ID token and an expired
 * token. Each gets exactly what an anonymous caller gets (401 wherever a token is needed) and never more. A service's
 * {@code @QuarkusTest} extends it and names one operation a valid token may call.
 */
public abstract class TokenContract {

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /**
     * A GET that anonymous callers get 401 for and a valid access token of {@link #subject()} passes (any answer but
     * 401 and 403, e.g. 404 for a profile not made yet).
     */
    protected abstract String authenticatedPath();

    /** Who the tokens are for; they carry every role, so role checks cannot be what refuses. */
    protected String subject() {
        return "token-contract-admin";
    }

    private static final String[] ROLES = { "platform-admin", "reporter" };

    @Test
    void aValidAccessTokenIsAccepted() {
        int status = call("get", authenticatedPath(), Tokens.of(subject(), ROLES)).statusCode();
        assertTrue(status != 401 && status != 403, "a valid token was refused: " + status);
    }

    @Test
    void tokensOfAnotherAudienceIdTokensAndExpiredTokensGetNothingOnAnyOperation() {
        String authenticated = authenticatedPath();
        Map<String, String> bad = Map.of("another audience", Tokens.forAudience(subject(), "admin-cli", ROLES),
                "an ID token", Tokens.idToken(subject(), ROLES), "an expired token", Tokens.expired(subject(), ROLES));
        Map<String, Map<String, Object>> paths = given().accept("application/json").get("/q/openapi").then()
                .statusCode(200).extract().path("paths");
        List<String> refused = new ArrayList<>();
        for (var entry : paths.entrySet()) {
            String path = entry.getKey().replaceAll("\\{[^}]+}", "x-0000-1");
            for (String method : METHODS) {
                if (!entry.getValue().containsKey(method)) {
                    continue;
                }
                String what = method.toUpperCase() + " " + entry.getKey();
                int anonymous = call(method, path, null).statusCode();
                for (var token : bad.entrySet()) {
                    Response r = call(method, path, token.getValue());
                    if (anonymous == 401) {
                        assertEquals(401, r.statusCode(), what + " with " + token.getKey());
                        assertEquals("urn:embargo:problem:unauthenticated", r.path("type"), what);
                    } else {
                        // A public operation: the bad token is ignored or refused, never worth more than no token.
                        assertTrue(r.statusCode() == anonymous || r.statusCode() == 401,
                                what + " with " + token.getKey() + ": " + r.statusCode() + " vs " + anonymous);
                    }
                }
                if (anonymous == 401) {
                    refused.add(what);
                }
            }
        }
        assertTrue(refused.size() >= 3, "too few operations need a token: " + refused);
        int valid = call("get", authenticated, Tokens.of(subject(), ROLES)).statusCode();
        assertTrue(valid != 401 && valid != 403, "a valid token must pass where the bad ones did not: " + valid);
        assertEquals(401, call("get", authenticated, null).statusCode(), authenticated + " without a token");
        for (var token : bad.entrySet()) {
            Response r = call("get", authenticated, token.getValue());
            assertEquals(401, r.statusCode(), token.getKey());
            assertEquals("urn:embargo:problem:unauthenticated", r.path("type"), token.getKey());
        }
    }

    private static Response call(String method, String path, String token) {
        var spec = given().redirects().follow(false);
        if (token != null) {
            spec = spec.auth().oauth2(token);
        }
        if (!method.equals("get") && !method.equals("delete")) {
            spec = spec.contentType("application/json").body("{}");
        }
        return spec.request(method.toUpperCase(), path);
    }
}
