package dev.embargo.portal.web;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The portal's own settings; the services' addresses are the REST clients' (quarkus.rest-client.*.url). */
@ConfigMapping(prefix = "embargo.portal")
public interface PortalConfig {

    /**
     * Keys the CSRF tokens and the reporter's case session (and, through quarkus.oidc.*, the session cookie and the
     * sign-in state). At least 32 characters; from the environment in prod.
     */
    String sessionSecret();

    /** How long a reporter's case session (opened with tracking id and token) lasts. */
    @WithDefault("PT30M")
    Duration reporterSessionAge();

    /** Cases per inbox page. */
    @WithDefault("25")
    int pageSize();
}
