package dev.embargo.intake.reports;

import java.util.List;
import java.util.Optional;

import dev.embargo.events.ReportSubmitted.Finding;
import dev.embargo.events.SecurityPolicy;
import dev.embargo.events.SecurityPolicy.ScopeRule;

/**
 * The sentence of the policy behind each finding of the gate: what the reporter reads in the submission answer and what
 * travels with {@code report.submitted} to the maintainer. Only the (public) policy's words, never report text.
 */
final class FindingSentences {

    private FindingSentences() {
    }

    static List<Finding> explain(SecurityPolicy policy, List<String> codes) {
        return codes.stream().map(code -> new Finding(code, sentence(policy, code).orElse(null))).toList();
    }

    static Optional<String> sentence(SecurityPolicy policy, String code) {
        int colon = code.indexOf(':');
        String kind = colon < 0 ? code : code.substring(0, colon);
        String id = colon < 0 ? null : code.substring(colon + 1);
        return switch (kind) {
        case "out-of-scope", "out-of-scope-impact-claimed" -> rule(policy.outOfScope(), id);
        case "in-scope" -> rule(policy.inScope(), id);
        case "known-design-decision" -> rule(policy.knownNonVulnerabilities(), id);
        case "unsupported-version", "security-fixes-only-version", "reproduce-on-latest" -> Optional
                .ofNullable(policy.versions()).map(SecurityPolicy.Versions::statement);
        case "component-not-in-scope" -> policy.componentsInScope() == null || policy.componentsInScope().isEmpty()
                ? Optional.empty() : Optional.of("In scope: " + String.join(", ", policy.componentsInScope()));
        default -> Optional.empty();
        };
    }

    private static Optional<String> rule(List<ScopeRule> rules, String id) {
        return rules == null ? Optional.empty()
                : rules.stream().filter(r -> r.id().equals(id)).map(ScopeRule::description).findFirst();
    }
}
