package dev.embargo.intake.reports;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Abuse control of the submission endpoint. */
@ConfigMapping(prefix = "embargo.submissions")
public interface SubmissionConfig {

    /** Reports one client may submit per period; honest reporters send a handful, floods are abuse. */
    @WithDefault("10")
    int ratePerPeriod();

    @WithDefault("PT1H")
    Duration ratePeriod();

    /**
     * Reverse proxies whose X-Forwarded-For is believed: addresses or CIDR ranges (an ingress' pod network, e.g.
     * {@code 10.244.0.0/16}, together with a NetworkPolicy that lets only the ingress reach the port). Anyone else
     * could forge the header to dodge the rate limit, so by default nobody is trusted. An invalid entry fails the
     * start.
     */
    Optional<List<String>> trustedProxies();

    /**
     * Secret key (base64, at least 32 bytes) of the pseudonyms that stand for anonymous reporters: HMAC-SHA-256 of the
     * client address, so bans, strikes and resubmissions follow one client while no address is stored or shown. From
     * the environment in production ({@code EMBARGO_SUBMISSIONS_PSEUDONYM_KEY}); every replica needs the same one.
     * Without it the service refuses to start unless {@code embargo.crypto.require-keysets} is off (dev, test).
     */
    Optional<String> pseudonymKey();
}
