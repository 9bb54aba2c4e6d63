package dev.embargo.testing;

import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Mints access tokens the test OIDC provider ({@code OidcWiremockTestResource}) vouches for: signed with its key,
 * issued by its issuer. Roles go to the {@code groups} claim.
 */
public final class Tokens {

    public static final String ISSUER = "https://server.example.com";

    private Tokens() {
    }

    public static String of(String subject, String... roles) {
        return Jwt.subject(subject).issuer(ISSUER).audience(ISSUER).preferredUserName(subject)
                .claim("email", subject + "@example.org").groups(Set.of(roles)).expiresIn(600).jws().keyId("1").sign();
    }
}
