package dev.embargo.intake.policy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a replica trusts what it remembers of a project and its current policy ({@link CurrentPolicies}). */
@ConfigMapping(prefix = "embargo.policy-cache")
public interface PolicyCacheConfig {

    /**
     * An entry older than this is read again. Publication invalidates entries at once; this only bounds how stale a
     * replica could be were it to miss the events of another replica's publication.
     */
    @WithDefault("PT5M")
    Duration maxAge();

    /** Whether the replica follows intake.projects to hear of publications on other replicas. */
    @WithDefault("true")
    boolean followOtherReplicas();
}
