package dev.embargo.triage.cases;

import java.util.Optional;

import dev.embargo.events.SecurityPolicy;

/**
 * When a case may close as {@code MOVED_PUBLIC}: only where the lead project's policy has a public route for
 * low-severity issues ("you may open a regular GitHub issue with the security label"), and only for a case rated at or
 * below the route's severity ceiling. Pure rule, no I/O.
 */
final class PublicRouteRule {

    private PublicRouteRule() {
    }

    /** Why the case may not go public, or empty when it may. Texts are fixed: they go into a problem detail. */
    static Optional<String> refusal(SecurityPolicy policy, Severity severity) {
        if (policy == null || !policy.lowSeverityToPublicTracker()) {
            return Optional.of("The project's policy has no public route: every report stays private.");
        }
        if (severity == null) {
            return Optional.of("Rate the case first: only a severity within the policy's public route may go public.");
        }
        SecurityPolicy.Severity ceiling = policy.publicRoute() == null || policy.publicRoute().maxSeverity() == null
                ? SecurityPolicy.Severity.LOW : policy.publicRoute().maxSeverity();
        if (SecurityPolicy.Severity.valueOf(severity.name()).compareTo(ceiling) > 0) {
            return Optional.of("The case's severity is above what the policy's public route allows.");
        }
        return Optional.empty();
    }

    /** The policy's own words on the route (with the tracker and label it names), for the reporter. */
    static Optional<String> statement(SecurityPolicy policy) {
        return policy == null || policy.publicRoute() == null ? Optional.empty()
                : Optional.ofNullable(policy.publicRoute().statement());
    }
}
