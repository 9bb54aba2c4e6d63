package dev.embargo.intake.reports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.embargo.events.ReportContent;
import dev.embargo.events.SecurityPolicy;
import dev.embargo.events.SecurityPolicy.Requirement;
import dev.embargo.events.SecurityPolicy.ScopeRule;
import dev.embargo.events.SecurityPolicy.SupportLevel;
import dev.embargo.events.SecurityPolicy.UnsupportedVersionHandling;
import dev.embargo.events.SecurityPolicy.VersionSupport;
import dev.embargo.intake.Refused;
import dev.embargo.intake.policy.SubmissionChannels;

/**
 * The submission gate: checks a report against a project's policy. Pure logic, no I/O. The verdict says whether the
 * report is refused (and why, by stable codes) or accepted with findings such as {@code out-of-scope:self-xss}.
 */
final class SubmissionGate {

    /**
     * Why a report is refused; {@code kind} is the problem type, the lists hold codes, never report text. {@code why}
     * is "unacceptable" for what the reporter can fix, "conflict" when the project takes no reports here at all.
     */
    record Refusal(Refused.Why why, String kind, String detail, List<String> missingFields, List<String> reasons) {
        Refusal(String kind, String detail, List<String> missingFields, List<String> reasons) {
            this(Refused.Why.UNACCEPTABLE, kind, detail, missingFields, reasons);
        }
    }

    record Verdict(Optional<Refusal> refusal, List<String> findings) {
        boolean accepted() {
            return refusal.isEmpty();
        }
    }

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private SubmissionGate() {
    }

    static Verdict check(SecurityPolicy policy, ReportContent report) {
        if (!SubmissionChannels.acceptsPlatformReports(policy)) {
            String statement = policy.reporting().otherChannels();
            return refused(new Refusal(Refused.Why.CONFLICT, "channel-not-accepted",
                    statement != null ? statement
                            : "This project accepts reports only through the channels its policy lists.",
                    List.of(), List.of()));
        }
        List<String> unknownExtra = unknownExtraFields(policy, report);
        if (!unknownExtra.isEmpty()) {
            return refused(new Refusal("unknown-extra-field",
                    "The report has extra fields this project's policy does not ask for; see reasons.", List.of(),
                    unknownExtra));
        }
        List<String> missing = missingFields(policy.reportFields(), report);
        missing.addAll(missingExtraFields(policy, report));
        List<String> lowEffort = lowEffortReasons(policy.lowEffort(), report);
        if (!lowEffort.isEmpty()) {
            return refused(new Refusal("low-effort",
                    "The report does not meet the project's minimum quality rules; see reasons.", missing, lowEffort));
        }
        if (!missing.isEmpty()) {
            return refused(new Refusal("missing-fields", "The project's policy requires the listed fields.", missing,
                    List.of()));
        }
        Set<String> findings = new LinkedHashSet<>();
        if (policy.versions() != null && present(report.versionTested())) {
            Optional<VersionSupport> rule = supportFor(policy.versions(), report.versionTested());
            SupportLevel level = rule.map(VersionSupport::level).orElse(SupportLevel.UNSUPPORTED);
            if (level == SupportLevel.UNSUPPORTED) {
                if (policy.versions().unsupportedVersions() == UnsupportedVersionHandling.REJECT) {
                    return refused(new Refusal("unsupported-version",
                            "The version tested is not supported under the project's policy; reproduce the issue on"
                                    + " the latest release and submit again.",
                            List.of(), List.of("unsupported-version")));
                }
                findings.add("unsupported-version");
                findings.add("reproduce-on-latest");
            } else if (level == SupportLevel.SECURITY_FIXES_ONLY) {
                findings.add("security-fixes-only-version");
            }
            boolean onLatest = rule.map(r -> isRollingHead(r.range())).orElse(false);
            if (policy.versions().reproduceOnLatest() && !onLatest) {
                findings.add("reproduce-on-latest");
            }
        }
        if (policy.componentsInScope() != null && !policy.componentsInScope().isEmpty() && present(report.component())
                && !componentInScope(policy.componentsInScope(), report.component())) {
            findings.add("component-not-in-scope");
        }
        findings.addAll(scopeFindings(policy, report));
        findings.addAll(knownDesignDecisions(policy, report));
        return new Verdict(Optional.empty(), List.copyOf(findings));
    }

    private static List<String> unknownExtraFields(SecurityPolicy policy, ReportContent r) {
        if (r.extraFields() == null || r.extraFields().isEmpty()) {
            return List.of();
        }
        Set<String> known = new HashSet<>();
        extraFields(policy).forEach(f -> known.add(f.id()));
        // Codes only: the unknown keys themselves are the reporter's input and are not echoed.
        return r.extraFields().keySet().stream().anyMatch(k -> !known.contains(k))
                ? List.of("extra-field-not-in-policy") : List.of();
    }

    private static List<String> missingExtraFields(SecurityPolicy policy, ReportContent r) {
        List<String> missing = new ArrayList<>();
        for (SecurityPolicy.ExtraField f : extraFields(policy)) {
            String value = r.extraFields() == null ? null : r.extraFields().get(f.id());
            if (f.requirement() == Requirement.REQUIRED && !present(value)) {
                missing.add("extraFields." + f.id());
            }
        }
        return missing;
    }

    private static List<SecurityPolicy.ExtraField> extraFields(SecurityPolicy policy) {
        return policy.extraFields() == null ? List.of() : policy.extraFields();
    }

    /** Behaviour the project documents as intended: flagged, never refused, so the maintainer decides. */
    private static List<String> knownDesignDecisions(SecurityPolicy policy, ReportContent r) {
        String text = searchable(r);
        return rules(policy.knownNonVulnerabilities()).stream().filter(rule -> matches(rule, text))
                .map(rule -> "known-design-decision:" + rule.id()).toList();
    }

    static List<String> missingFields(SecurityPolicy.ReportFields fields, ReportContent r) {
        List<String> missing = new ArrayList<>();
        if (fields == null) {
            return missing;
        }
        check(missing, "component", fields.component(), r.component());
        check(missing, "versionTested", fields.versionTested(), r.versionTested());
        check(missing, "description", fields.description(), r.description());
        check(missing, "impact", fields.impact(), r.impact());
        // Policies ask for "steps to reproduce, or a proof of concept": either satisfies the requirement.
        if (fields.stepsToReproduce() == Requirement.REQUIRED && !present(r.stepsToReproduce())
                && !present(r.proofOfConcept())) {
            missing.add("stepsToReproduce");
        }
        check(missing, "proofOfConcept", fields.proofOfConcept(), r.proofOfConcept());
        check(missing, "suggestedFix", fields.suggestedFix(), r.suggestedFix());
        return missing;
    }

    static List<String> lowEffortReasons(SecurityPolicy.LowEffort rules, ReportContent r) {
        List<String> reasons = new ArrayList<>();
        if (rules == null) {
            return reasons;
        }
        String description = r.description() == null ? "" : r.description().strip();
        if (description.codePointCount(0, description.length()) < rules.minDescriptionLength()) {
            reasons.add("description-too-short");
        }
        if (rules.proofOfConceptRequired() && !present(r.proofOfConcept())) {
            reasons.add("proof-of-concept-missing");
        }
        if (rules.patchRequired() && !present(r.suggestedFix())) {
            reasons.add("patch-missing");
        }
        return reasons;
    }

    /** The first rule whose range covers the version, in policy order. */
    static Optional<VersionSupport> supportFor(SecurityPolicy.Versions versions, String tested) {
        String v = normalise(tested);
        String latest = versions.latestRelease() == null ? null : normalise(versions.latestRelease());
        for (VersionSupport rule : versions.supported()) {
            String range = rule.range().strip().toLowerCase(Locale.ROOT);
            boolean matches = switch (range) {
            case "*" -> true;
            // Without a latest release the policy cannot tell a current version from an old one: no version is
            // flagged on a guess (owners keep latestRelease current).
            case "latest" -> v.equals("latest") || latest == null || v.equals(latest) || v.startsWith(latest + "+");
            case "previous-minor" -> previousMinor(latest).map(pm -> v.equals(pm) || v.startsWith(pm + "."))
                    .orElse(false);
            default -> {
                String prefix = normalise(range.endsWith(".x") ? range.substring(0, range.length() - 2) : range);
                yield v.equals(prefix) || v.startsWith(prefix + ".");
            }
            };
            if (matches) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private static boolean isRollingHead(String range) {
        String r = range.strip().toLowerCase(Locale.ROOT);
        return r.equals("latest") || r.equals("main");
    }

    /** {@code 1.4.2} → {@code 1.3}; empty when there is none (e.g. {@code 1.0}, or no numeric latest release). */
    static Optional<String> previousMinor(String latest) {
        if (latest == null) {
            return Optional.empty();
        }
        String[] parts = latest.split("\\.");
        if (parts.length < 2 || !DIGITS.matcher(parts[0]).matches() || !DIGITS.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        int minor = Integer.parseInt(parts[1]);
        return minor == 0 ? Optional.empty() : Optional.of(parts[0] + "." + (minor - 1));
    }

    private static String normalise(String version) {
        String v = version.strip().toLowerCase(Locale.ROOT);
        return v.length() > 1 && v.charAt(0) == 'v' && Character.isDigit(v.charAt(1)) ? v.substring(1) : v;
    }

    private static boolean componentInScope(List<String> scope, String component) {
        String c = component.toLowerCase(Locale.ROOT);
        return scope.stream().map(s -> s.toLowerCase(Locale.ROOT)).anyMatch(s -> c.contains(s) || s.contains(c));
    }

    private static List<String> scopeFindings(SecurityPolicy policy, ReportContent r) {
        String text = searchable(r);
        List<String> inScope = rules(policy.inScope()).stream().filter(rule -> matches(rule, text))
                .map(rule -> "in-scope:" + rule.id()).toList();
        if (!inScope.isEmpty()) {
            // Classes the policy explicitly accepts win over out-of-scope ones (e.g. DoS by resource exhaustion).
            return inScope;
        }
        boolean demonstrated = present(r.impact()) && present(r.proofOfConcept());
        return rules(policy.outOfScope()).stream().filter(rule -> matches(rule, text))
                .map(rule -> (rule.unlessDemonstratedImpact() && demonstrated ? "out-of-scope-impact-claimed:"
                        : "out-of-scope:") + rule.id())
                .toList();
    }

    private static String searchable(ReportContent r) {
        return String.join("\n", nullToEmpty(r.title()), nullToEmpty(r.description()), nullToEmpty(r.impact()))
                .toLowerCase(Locale.ROOT);
    }

    private static boolean matches(ScopeRule rule, String text) {
        return rule.terms() != null
                && rule.terms().stream().anyMatch(term -> containsWord(text, term.toLowerCase(Locale.ROOT)));
    }

    /**
     * Whether {@code word} occurs in {@code text} with no letter or digit right before or after it: a whole-word match
     * without compiling a regular expression per rule and request (this runs for every submission).
     */
    static boolean containsWord(String text, String word) {
        if (word.isEmpty()) {
            return false; // the policy schema requires terms of two characters or more
        }
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || !isWordPart(text.codePointBefore(at)))
                    && (end == text.length() || !isWordPart(text.codePointAt(end)))) {
                return true;
            }
        }
        return false;
    }

    /** A letter or a number in the Unicode sense ({@code \p{L}}, {@code \p{N}}). */
    private static boolean isWordPart(int codePoint) {
        return Character.isLetter(codePoint) || switch (Character.getType(codePoint)) {
        case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
        default -> false;
        };
    }

    private static List<ScopeRule> rules(List<ScopeRule> rules) {
        return rules == null ? List.of() : rules;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void check(List<String> missing, String name, Requirement requirement, String value) {
        if (requirement == Requirement.REQUIRED && !present(value)) {
            missing.add(name);
        }
    }

    static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static Verdict refused(Refusal refusal) {
        return new Verdict(Optional.of(refusal), List.of());
    }
}
