package dev.embargo.intake.policy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the platform is reachable from outside; security.txt must carry absolute URLs. */
@ConfigMapping(prefix = "embargo.public")
public interface PublicConfig {

    /** Public base URL of this service (report endpoint, policy, canonical security.txt). */
    @WithDefault("http://localhost:8081")
    String intakeBaseUrl();

    /** Public base URL of the credits service, whose per-project hall of fame is the security.txt Acknowledgments. */
    @WithDefault("http://localhost:8084")
    String creditsBaseUrl();

    /**
     * How far ahead security.txt's Expires lies; RFC 9116 asks for less than a year, so it is re-computed per request.
     */
    @WithDefault("P180D")
    Duration securityTxtLifetime();
}
