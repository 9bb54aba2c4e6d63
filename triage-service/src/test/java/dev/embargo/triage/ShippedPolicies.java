package dev.embargo.triage;

import java.util.List;

import dev.embargo.events.SecurityPolicy;
import dev.embargo.events.SecurityPolicy.Deadline;
import dev.embargo.events.SecurityPolicy.Unit;

/**
 * The SLA and route parts of the shipped FIM and Pod policies (intake's {@code policies/fim.json} and
 * {@code pod.json}), as triage receives them in {@code project.policy-published}.
 */
final class ShippedPolicies {

    private ShippedPolicies() {
    }

    /** "Within 48 hours (business days)", "Within 5 business days", "high: 2 weeks"; no deadline; public route. */
    static SecurityPolicy fim() {
        var sla = new SecurityPolicy.Sla(null, null, null, new Deadline(48, Unit.BUSINESS_HOURS),
                new Deadline(5, Unit.BUSINESS_DAYS),
                new SecurityPolicy.FixTargets(null, new Deadline(2, Unit.WEEKS), null, null,
                        "Depends on severity (critical: ASAP, high: 2 weeks, medium/low: next release)"),
                null, null, null);
        return new SecurityPolicy("FIM One", null, null, null, null, null, null, sla,
                new SecurityPolicy.Disclosure(null, null, false, false,
                        "After fix is released and users have had time to update"),
                new SecurityPolicy.CreditPolicy(true, false, true), null,
                List.of(new SecurityPolicy.Channel("PLATFORM", null, null)), null, true, null, null, null, null, null,
                null,
                new SecurityPolicy.PublicRoute("security", SecurityPolicy.Severity.LOW,
                        "For low-severity issues (e.g., missing security headers, informational disclosures that don't"
                                + " expose sensitive data), you may open a regular GitHub issue with the security label."),
                null, null);
    }

    /**
     * "We will acknowledge your report within 72 hours and aim to release a fix within 14 days for critical issues."
     */
    static SecurityPolicy pod() {
        var sla = new SecurityPolicy.Sla(null, null, null, new Deadline(72, Unit.HOURS), null,
                new SecurityPolicy.FixTargets(new Deadline(14, Unit.DAYS), null, null, null), null, null, null);
        return new SecurityPolicy("Pod", null, null, null, null, null, null, sla,
                new SecurityPolicy.Disclosure(null, null, false, false,
                        "Give us reasonable time to fix the issue before public disclosure."),
                new SecurityPolicy.CreditPolicy(true, false, true), null,
                List.of(new SecurityPolicy.Channel("PLATFORM", null, null)), null, false, null, null, null);
    }
}
