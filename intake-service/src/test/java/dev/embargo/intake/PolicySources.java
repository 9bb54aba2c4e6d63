package dev.embargo.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * For each shipped example policy, where every field of its file comes from: the sentence of the project's own text, or
 * {@link #UNSET}. The tables are the Must-show of issue 14; {@code PolicyFidelityTest} checks them against the files
 * and the texts in {@code ../shared/policies}.
 */
final class PolicySources {

    /** The text states nothing here: the member is absent, null, false, 0 or {@code OPTIONAL}. */
    static final String UNSET = "unset";
    /** The value itself must occur in the text word for word (descriptions, statements, notes, labels). */
    static final String VERBATIM = "verbatim";
    /** Registry data, not a policy rule: the project's display name. */
    static final String REGISTRY = "registry: the hosted project's display name";
    /** The project is hosted on Embargo: reports arrive on the platform (a channel, not a rule of the text). */
    static final String HOSTING = "hosting: the platform's own report form";
    /** Matching vocabulary of a scope rule, derived from the rule's description; the description is verbatim. */
    static final String MATCHING = "matching vocabulary for the rule's verbatim description";

    static final Map<String, String> TEXT_FILES = Map.of("fim", "fim-SECURITY.txt", "open-webui",
            "open-webui-SECURITY.md", "openpanel", "openpanel-SECURITY.txt", "panelorca",
            "panelorca-security-overview.txt", "pod", "pod-SECURITY.txt");

    private PolicySources() {
    }

    /** Field path (array items as {@code [n]}, any item as {@code [*]}) → source. */
    static Map<String, String> of(String slug) {
        Map<String, String> s = new LinkedHashMap<>();
        // Common to every policy: rule ids and terms are derived; descriptions are the text's.
        for (String list : List.of("inScope", "outOfScope", "knownNonVulnerabilities")) {
            s.put(list + "[*].id", MATCHING);
            s.put(list + "[*].terms", MATCHING);
            s.put(list + "[*].description", VERBATIM);
            s.put(list + "[*].unlessDemonstratedImpact", UNSET);
        }
        for (String path : List.of("policyUrl", "versions.latestRelease", "sla.timeZone", "sla.workingDays",
                "sla.holidays", "sla.needsInfoSilenceDays", "sla.warningFraction", "disclosure.deadlineDays",
                "disclosure.headsUpDays", "disclosure.publishOnDeadline", "preferredLanguages", "notifications",
                "channels[*].note", "channels[*].address")) {
            s.put(path, UNSET);
        }
        s.put("name", REGISTRY);
        switch (slug) {
        case "fim" -> fim(s);
        case "open-webui" -> openWebUi(s);
        case "openpanel" -> openPanel(s);
        case "panelorca" -> panelOrca(s);
        case "pod" -> pod(s);
        default -> throw new IllegalArgumentException(slug);
        }
        return s;
    }

    private static void fim(Map<String, String> s) {
        s.put("reportFields.component", UNSET);
        s.put("reportFields.versionTested", "Affected versions");
        s.put("reportFields.description", "A description of the vulnerability");
        s.put("reportFields.impact", "Potential impact assessment");
        s.put("reportFields.stepsToReproduce", "Steps to reproduce (or a proof-of-concept)");
        s.put("reportFields.proofOfConcept", UNSET);
        s.put("reportFields.suggestedFix", UNSET);
        s.put("outOfScope[2].unlessDemonstratedImpact", "Denial of service (DoS) without a realistic attack vector");
        s.put("versions.supported[0].range", "| Latest release | Yes |");
        s.put("versions.supported[0].level", "| Latest release | Yes |");
        s.put("versions.supported[1].range", "| Previous minor | Security fixes only |");
        s.put("versions.supported[1].level", "| Previous minor | Security fixes only |");
        s.put("versions.supported[2].range", "| Older | No |");
        s.put("versions.supported[2].level", "| Older | No |");
        s.put("versions.reproduceOnLatest", UNSET);
        s.put("versions.unsupportedVersions", "| Older | No |");
        s.put("versions.statement", VERBATIM);
        s.put("sla.acknowledge.amount", "| Acknowledgment | Within 48 hours (business days) |");
        s.put("sla.acknowledge.unit", "| Acknowledgment | Within 48 hours (business days) |");
        s.put("sla.assess.amount", "| Initial assessment | Within 5 business days |");
        s.put("sla.assess.unit", "| Initial assessment | Within 5 business days |");
        s.put("sla.fix.critical", UNSET); // "critical: ASAP" has no number
        s.put("sla.fix.high.amount", "high: 2 weeks");
        s.put("sla.fix.high.unit", "high: 2 weeks");
        s.put("sla.fix.medium", UNSET); // "medium/low: next release"
        s.put("sla.fix.low", UNSET);
        s.put("sla.fix.statement", VERBATIM);
        s.put("disclosure.agreeWithReporter", UNSET);
        s.put("disclosure.statement", VERBATIM);
        s.put("credit.offered", "Contributors who report valid security vulnerabilities will be credited");
        s.put("credit.requiresPermission", UNSET); // credited by default ...
        s.put("credit.anonymityOnRequest", "(unless they prefer to remain anonymous)");
        s.put("credit.statement", VERBATIM);
        s.put("channels[0].kind", HOSTING);
        s.put("channels[1].kind", "Use GitHub Security Advisories to report vulnerabilities privately.");
        s.put("channels[1].note", VERBATIM);
        s.put("channels[2].kind", "Alternatively, email security@fim.ai");
        s.put("channels[2].address", VERBATIM);
        s.put("lowSeverityToPublicTracker", "For low-severity issues");
        s.put("publicRoute.label", VERBATIM);
        s.put("publicRoute.maxSeverity", "For low-severity issues");
        s.put("publicRoute.statement", VERBATIM);
        s.put("reporting.onlyListedChannels", UNSET);
        s.put("reporting.publicIssues", VERBATIM);
    }

    private static void openWebUi(Map<String, String> s) {
        s.put("reportFields.component", "including the affected components and potential impacts");
        s.put("reportFields.versionTested", UNSET);
        s.put("reportFields.description", "No Vague Reports");
        s.put("reportFields.impact", "including the affected components and potential impacts");
        s.put("reportFields.stepsToReproduce", UNSET);
        s.put("reportFields.proofOfConcept", "Proof of Concept (PoC) is Mandatory");
        s.put("reportFields.suggestedFix", "reporters must provide a patch or actionable steps to remediate");
        s.put("versions.supported[0].range", "| main    | :white_check_mark: |");
        s.put("versions.supported[0].level", "| main    | :white_check_mark: |");
        s.put("versions.supported[1].range", "| others  | :x:                |");
        s.put("versions.supported[1].level", "| others  | :x:                |");
        s.put("versions.reproduceOnLatest", UNSET);
        s.put("versions.unsupportedVersions", "| others  | :x:                |");
        s.put("channels[0].kind", "our designated GitHub repository");
        s.put("channels[0].note", VERBATIM);
        s.put("lowEffort.minDescriptionLength", UNSET); // "without any details" names no length
        s.put("lowEffort.proofOfConceptRequired", "Reports lacking valid evidence will be disregarded.");
        s.put("lowEffort.patchRequired", "Required Patch Submission");
        s.put("lowEffort.banThreshold", UNSET); // "repeat violators may be banned": no number, owners decide
        s.put("lowEffort.statement", VERBATIM);
        s.put("reporting.onlyListedChannels",
                "We refuse to engage with, join, or monitor any platforms outside of GitHub for vulnerability reporting.");
        s.put("reporting.otherChannels", VERBATIM);
    }

    private static void openPanel(Map<String, String> s) {
        String include = "To help us triage quickly, please include what you can:";
        for (String f : List.of("component", "versionTested", "description", "impact", "stepsToReproduce",
                "proofOfConcept", "suggestedFix")) {
            s.put("reportFields." + f, include);
        }
        s.put("extraFields[0].id", "the file or endpoint involved");
        s.put("extraFields[0].label", VERBATIM);
        s.put("extraFields[0].requirement", include);
        s.put("componentsInScope", VERBATIM);
        s.put("outOfScope[*].unlessDemonstratedImpact",
                "Out of scope, unless you can show concrete, exploitable impact:");
        s.put("versions.supported[0].range", "Latest release / main |\nYes |");
        s.put("versions.supported[0].level", "Latest release / main |\nYes |");
        s.put("versions.supported[1].range", "Latest release / main |\nYes |");
        s.put("versions.supported[1].level", "Latest release / main |\nYes |");
        s.put("versions.supported[2].range", "| Older releases | No (please upgrade) |");
        s.put("versions.supported[2].level", "| Older releases | No (please upgrade) |");
        s.put("versions.reproduceOnLatest", "please confirm it reproduces on the latest version");
        s.put("versions.unsupportedVersions", "| Older releases | No (please upgrade) |");
        s.put("versions.statement", VERBATIM);
        s.put("sla.acknowledge.amount", "We try to acknowledge reports within 3 business days.");
        s.put("sla.acknowledge.unit", "We try to acknowledge reports within 3 business days.");
        s.put("sla.assess.amount", "We aim to confirm the issue and send an assessment within 7 days");
        s.put("sla.assess.unit", "We aim to confirm the issue and send an assessment within 7 days");
        s.put("sla.statement", VERBATIM);
        s.put("sla.fix.statement", VERBATIM);
        s.put("disclosure.agreeWithReporter", "We're happy to agree on a disclosure date with you.");
        s.put("disclosure.statement", VERBATIM);
        s.put("credit.offered", "We publicly thank researchers who report valid vulnerabilities");
        s.put("credit.requiresPermission", "with their permission");
        s.put("credit.anonymityOnRequest", UNSET);
        s.put("credit.statement", VERBATIM);
        s.put("safeHarbor", VERBATIM);
        s.put("researchRules", VERBATIM);
        s.put("channels[0].kind", HOSTING);
        s.put("channels[1].kind", "either by email to security@openpanel.dev");
        s.put("channels[1].address", VERBATIM);
        s.put("channels[2].kind", "through the repository's GitHub Security Advisories at");
        s.put("channels[2].address", VERBATIM);
        s.put("channels[2].note", VERBATIM);
        s.put("reporting.onlyListedChannels", UNSET);
        s.put("reporting.publicIssues", VERBATIM);
        s.put("priorCredits[0].name", VERBATIM);
        s.put("priorCredits[0].summary", VERBATIM);
        s.put("priorCredits[0].when", VERBATIM);
    }

    private static void panelOrca(Map<String, String> s) {
        s.put("sla.statement", VERBATIM);
        s.put("disclosure.agreeWithReporter", UNSET);
        s.put("disclosure.statement", VERBATIM);
        s.put("credit.offered", "credit you (or stay anonymous, your choice)");
        s.put("credit.requiresPermission", UNSET);
        s.put("credit.anonymityOnRequest", "credit you (or stay anonymous, your choice)");
        s.put("credit.statement", VERBATIM);
        s.put("channels[0].kind", HOSTING);
        s.put("channels[1].kind", "please email hello@panelorca.com");
        s.put("channels[1].address", VERBATIM);
        s.put("channels[1].note", VERBATIM);
    }

    private static void pod(Map<String, String> s) {
        s.put("reportFields.component", UNSET);
        s.put("reportFields.versionTested", "Pod version affected");
        s.put("reportFields.description", "Description of the vulnerability");
        s.put("reportFields.impact", "Potential impact");
        s.put("reportFields.stepsToReproduce", "Steps to reproduce");
        s.put("reportFields.proofOfConcept", UNSET);
        s.put("reportFields.suggestedFix", "Any suggested fix (optional)");
        s.put("versions.supported[0].range", "latest (v0.0.x) |\n✅ |");
        s.put("versions.supported[0].level", "latest (v0.0.x) |\n✅ |");
        s.put("versions.supported[1].range", "| older tags | ❌ |");
        s.put("versions.supported[1].level", "| older tags | ❌ |");
        s.put("versions.reproduceOnLatest", UNSET);
        s.put("versions.unsupportedVersions", "| older tags | ❌ |");
        s.put("versions.statement", VERBATIM);
        s.put("sla.acknowledge.amount", "We will acknowledge your report within 72 hours");
        s.put("sla.acknowledge.unit", "We will acknowledge your report within 72 hours");
        s.put("sla.fix.critical.amount", "aim to release a fix within 14 days for critical issues");
        s.put("sla.fix.critical.unit", "aim to release a fix within 14 days for critical issues");
        s.put("sla.fix.high", UNSET);
        s.put("sla.fix.medium", UNSET);
        s.put("sla.fix.low", UNSET);
        s.put("sla.fix.statement", VERBATIM);
        s.put("disclosure.agreeWithReporter", UNSET);
        s.put("disclosure.statement", VERBATIM);
        s.put("credit.offered", "We will credit reporters in the release notes");
        s.put("credit.requiresPermission", UNSET);
        s.put("credit.anonymityOnRequest", "unless you prefer to remain anonymous");
        s.put("credit.statement", VERBATIM);
        s.put("researchRules", VERBATIM);
        s.put("channels[0].kind", HOSTING);
        s.put("channels[1].kind", "GitHub Security Advisories: github.com/lazuardytech/pod/security/advisories/new");
        s.put("channels[1].address", VERBATIM);
        s.put("channels[1].note", VERBATIM);
        s.put("channels[2].kind", "Email: security@lazuardy.tech");
        s.put("channels[2].address", VERBATIM);
        s.put("reporting.onlyListedChannels", UNSET);
        s.put("reporting.publicIssues", VERBATIM);
    }

    /** The project's own text. */
    static String text(String slug) {
        Path file = Path.of("").toAbsolutePath().getParent().resolve("../shared/policies").normalize()
                .resolve(TEXT_FILES.get(slug));
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lower case, every kind of white space removed, typographic apostrophes plain: text run together. */
    static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replaceAll("\\s+", "");
    }

    /** Every leaf of a policy document: path → value; arrays of scalars are one leaf. Nulls are left out. */
    static Map<String, JsonNode> leaves(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        collect("", node, out);
        return out;
    }

    private static void collect(String path, JsonNode node, Map<String, JsonNode> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(
                    e -> collect(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray() && node.size() > 0 && node.get(0).isContainerNode()) {
            for (int i = 0; i < node.size(); i++) {
                collect(path + "[" + i + "]", node.get(i), out);
            }
        } else if (!(node.isArray() && node.isEmpty())) {
            out.put(path, node);
        }
    }

    /** The source of a path: the exact entry first, else the {@code [*]} one. */
    static String sourceOf(Map<String, String> sources, String path) {
        String exact = sources.get(path);
        return exact != null ? exact : sources.get(path.replaceAll("\\[\\d+]", "[*]"));
    }

    /** Whether a value counts as "unset": false, 0, {@code OPTIONAL} or empty. */
    static boolean isOff(JsonNode value) {
        return value.isBoolean() && !value.asBoolean() || value.isNumber() && value.asDouble() == 0
                || value.isTextual() && value.asText().equals("OPTIONAL");
    }

    /** Strings of a leaf: one for a scalar, each item of a scalar array. */
    static List<String> strings(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> out.add(v.asText()));
        } else {
            out.add(value.asText());
        }
        return out;
    }
}
