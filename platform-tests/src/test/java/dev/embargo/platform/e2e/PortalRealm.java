package dev.embargo.platform.e2e;

import dev.embargo.testing.browser.KeycloakRealm;

/**
 * The realm of the browser tests, as ./platform up writes it: the portal's public PKCE client, the command-line client,
 * the two realm roles and the demo users (their ids are the subjects intake's demo projects name), plus a maintainer of
 * another project and a second reporter.
 */
final class PortalRealm {

    static final String PASSWORD = "browser-test-password";
    static final String ADMIN = "demo-admin";
    static final String OWNER = "demo-owner";
    static final String MAINTAINER = "demo-maintainer";
    static final String REPORTER = "demo-reporter";
    static final String OTHER_MAINTAINER = "other-maintainer";

    private PortalRealm() {
    }

    static KeycloakRealm realm(String portalUrl) {
        return KeycloakRealm.named("embargo").roles("platform-admin", "reporter")
                .publicClient("embargo-portal", portalUrl + "/*").directGrantClient("embargo-cli")
                .user(KeycloakRealm.user(ADMIN, ADMIN, PASSWORD).name("Platform", "Admin").roles("platform-admin"))
                .user(KeycloakRealm.user(OWNER, OWNER, PASSWORD).name("Olivia", "Owner").roles("reporter"))
                .user(KeycloakRealm.user(MAINTAINER, MAINTAINER, PASSWORD).name("Max", "Maintainer").roles("reporter"))
                .user(KeycloakRealm.user(REPORTER, REPORTER, PASSWORD).name("Rita", "Reporter").roles("reporter"))
                .user(KeycloakRealm.user(OTHER_MAINTAINER, OTHER_MAINTAINER, PASSWORD).name("Oscar", "Other")
                        .roles("reporter"));
    }
}
