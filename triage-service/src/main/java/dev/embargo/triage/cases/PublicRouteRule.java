package dev.embargo.triage.cases;

import java.util.Optional;

import dev.embargo.triage.projects.ProjectPolicy;
import dev.embargo.triage.sla.Severity;

/**
 * When a case may close as {@code MOVED_PUBLIC}: only where the lead project's policy has a public route for
 * low-severity issues ("you may open a regular GitHub issue with the security label"), and only for a case rated at or
 * below the route's severity ceiling. Pure rule, no I/O.
 */
final class PublicRouteRule {

    private PublicRouteRule() {
    }

    /** Why the case may not go public, or empty when it may. Texts are fixed: they go into a problem detail. */
    static Optional<String> refusal(ProjectPolicy.PublicRoute route, Severity severity) {
        if (route == null) {
            return Optional.of("The project's policy has no public route: every report stays private.");
        }
        if (severity == null) {
            return Optional.of("Rate the case first: only a severity within the policy's public route may go public.");
        }
        if (severity.compareTo(route.maxSeverity()) > 0) {
            return Optional.of("The case's severity is above what the policy's public route allows.");
        }
        return Optional.empty();
    }
}
