package dev.embargo.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Mints tokens the test OIDC provider ({@code OidcWiremockTestResource}) vouches for: signed with its key, issued by
 * its issuer. {@link #of} is an access token as the realm issues it to an Embargo client: audience {@value #AUDIENCE},
 * {@code typ: Bearer}, roles in {@code realm_access.roles}. The others are what the services must refuse.
 */
public final class Tokens {

    public static final String ISSUER = "https://server.example.com";
    /** The audience the realm maps into the access tokens of the Embargo clients (and only those). */
    public static final String AUDIENCE = "embargo";

    private Tokens() {
    }

    public static String of(String subject, String... roles) {
        return claims(subject, roles).sign();
    }

    /** An access token the realm issued to another client (e.g. {@code admin-cli}): another audience. */
    public static String forAudience(String subject, String audience, String... roles) {
        return claims(subject, roles).audience(audience).claim("azp", audience).sign();
    }

    /** An ID token, even one that names the Embargo audience: not a bearer token. */
    public static String idToken(String subject, String... roles) {
        return claims(subject, roles).claim("typ", "ID").sign();
    }

    /** A token that expired ten minutes ago. */
    public static String expired(String subject, String... roles) {
        long now = Instant.now().getEpochSecond();
        return claims(subject, roles).issuedAt(now - 1200).expiresAt(now - 600).sign();
    }

    /** Roles in a claim the services do not read ({@code groups}): they must not count. */
    public static String rolesInGroups(String subject, String... roles) {
        return Jwt.subject(subject).issuer(ISSUER).audience(AUDIENCE).preferredUserName(subject).claim("typ", "Bearer")
                .groups(Set.of(roles)).expiresIn(600).jws().keyId("1").sign();
    }

    private static Signer claims(String subject, String... roles) {
        return new Signer(Jwt.subject(subject).issuer(ISSUER).audience(AUDIENCE).preferredUserName(subject)
                .claim("email", subject + "@example.org").claim("typ", "Bearer").claim("azp", "embargo-cli")
                .claim("realm_access", Map.of("roles", List.of(roles))).expiresIn(600));
    }

    /** A claims builder that signs the way the test provider's keys expect. */
    private record Signer(JwtClaimsBuilder builder) {
        Signer audience(String audience) {
            return new Signer(builder.audience(audience));
        }

        Signer claim(String name, Object value) {
            return new Signer(builder.claim(name, value));
        }

        Signer issuedAt(long at) {
            return new Signer(builder.issuedAt(at));
        }

        Signer expiresAt(long at) {
            return new Signer(builder.expiresAt(at));
        }

        String sign() {
            return builder.jws().keyId("1").sign();
        }
    }
}
