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
     * Addresses of reverse proxies whose X-Forwarded-For is believed. Anyone else could forge the header to dodge the
     * rate limit, so by default nobody is trusted.
     */
    Optional<List<String>> trustedProxies();

    /** Clients tracked at most; beyond it the table is reset rather than grow without bound under a spray attack. */
    @WithDefault("100000")
    int maxTrackedClients();
}
