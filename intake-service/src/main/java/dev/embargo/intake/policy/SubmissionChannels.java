package dev.embargo.intake.policy;

import dev.embargo.events.SecurityPolicy;

/** Whether a project's policy accepts reports submitted on the platform at all. */
public final class SubmissionChannels {

    private SubmissionChannels() {
    }

    /**
     * A policy whose listed channels are the only accepted ones ("reports not submitted through our designated GitHub
     * repository will be disregarded") takes platform reports only when it lists the platform as a channel.
     */
    public static boolean acceptsPlatformReports(SecurityPolicy policy) {
        if (policy.reporting() == null || !policy.reporting().onlyListedChannels()) {
            return true;
        }
        return policy.channels() != null && policy.channels().stream().anyMatch(c -> "PLATFORM".equals(c.kind()));
    }
}
