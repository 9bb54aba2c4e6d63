package dev.embargo.triage.projects;

import dev.embargo.events.SecurityPolicy;
import dev.embargo.triage.sla.Severity;
import dev.embargo.triage.sla.SlaPlan;

/**
 * What triage needs of one version of a project's security policy, in triage's own terms: translated here, at the edge
 * where {@code project.policy-published} arrives, so nothing inside triage reads the contract record.
 *
 * @param timeZone
 *            the zone dates and hours are meant in; null for UTC
 * @param headsUpDays
 *            days of notice heads-up subscribers get before a disclosure
 * @param publicRoute
 *            the route to a public tracker for low-severity issues; null when every report stays private
 */
public record ProjectPolicy(SlaPlan sla, String timeZone, int headsUpDays, boolean publishesOnDeadline,
        boolean agreeWithReporter, PublicRoute publicRoute) {

    /** "You may open a regular GitHub issue" for issues rated at most {@code maxSeverity}, in the policy's words. */
    public record PublicRoute(Severity maxSeverity, String statement) {
    }

    static ProjectPolicy of(SecurityPolicy p) {
        var disclosure = p.disclosure();
        PublicRoute route = null;
        if (p.lowSeverityToPublicTracker()) {
            var r = p.publicRoute();
            route = new PublicRoute(
                    r == null || r.maxSeverity() == null ? Severity.LOW : Severity.valueOf(r.maxSeverity().name()),
                    r == null ? null : r.statement());
        }
        return new ProjectPolicy(new PolicySlaPlan(p), p.sla() == null ? null : p.sla().timeZone(),
                disclosure == null || disclosure.headsUpDays() == null ? 0 : disclosure.headsUpDays(),
                disclosure != null && disclosure.publishesOnDeadline(),
                disclosure == null || disclosure.agreeWithReporter(), route);
    }
}
