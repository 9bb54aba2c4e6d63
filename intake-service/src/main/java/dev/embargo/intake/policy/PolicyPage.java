package dev.embargo.intake.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.embargo.events.SecurityPolicy;
import dev.embargo.events.SecurityPolicy.Deadline;
import dev.embargo.events.SecurityPolicy.Requirement;
import dev.embargo.events.SecurityPolicy.ScopeRule;

/**
 * The policy for people: a page generated from the policy document, as Markdown (for a SECURITY.md to point at or
 * include) and HTML. The policy's own words are quoted as they are; only what the document holds is said, so an unset
 * rule is simply not on the page. Pure rendering, no I/O.
 */
final class PolicyPage {

    /** One section: a heading, paragraphs and a bullet list. */
    record Section(String heading, List<String> paragraphs, List<String> items) {
    }

    /**
     * @param reportUrl
     *            where the platform takes reports for the project, or null when the policy accepts none here
     */
    record Links(String policyJson, String securityTxt, String reportUrl, String hallOfFame) {
    }

    private PolicyPage() {
    }

    static List<Section> sections(SecurityPolicy p, int version, Links links) {
        List<Section> out = new ArrayList<>();
        List<String> intro = new ArrayList<>();
        intro.add("Version " + version + " of this project's security policy, as published on Embargo.");
        if (p.policyUrl() != null) {
            intro.add("The project's own text: " + p.policyUrl());
        }
        out.add(new Section(null, intro, List.of()));

        List<String> report = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        if (p.reporting() != null && p.reporting().publicIssues() != null) {
            report.add(p.reporting().publicIssues());
        }
        for (SecurityPolicy.Channel c : p.channels() == null ? List.<SecurityPolicy.Channel> of() : p.channels()) {
            String line = switch (c.kind()) {
            case "PLATFORM" -> links.reportUrl() == null ? null : "On this platform: " + links.reportUrl();
            case "EMAIL" -> c.address() == null ? null : "Email: " + c.address();
            default -> c.address();
            };
            String text = line == null ? c.note() : c.note() == null ? line : line + " (" + c.note() + ")";
            if (text != null) {
                channels.add(text);
            }
        }
        if (p.reporting() != null && p.reporting().onlyListedChannels()) {
            report.add(p.reporting().otherChannels() != null ? p.reporting().otherChannels()
                    : "Only the channels below are accepted.");
        }
        out.add(new Section("Reporting a vulnerability", report, channels));

        List<String> fields = new ArrayList<>();
        if (p.reportFields() != null) {
            var f = p.reportFields();
            field(fields, "Affected component", f.component());
            field(fields, "Version or commit tested", f.versionTested());
            field(fields, "Description", f.description());
            field(fields, "Impact", f.impact());
            field(fields, "Steps to reproduce (or a proof of concept)", f.stepsToReproduce());
            field(fields, "Proof of concept", f.proofOfConcept());
            field(fields, "Suggested fix", f.suggestedFix());
        }
        for (SecurityPolicy.ExtraField e : p.extraFields() == null ? List.<SecurityPolicy.ExtraField> of()
                : p.extraFields()) {
            field(fields, capitalise(e.label()), e.requirement());
        }
        if (!fields.isEmpty()) {
            out.add(new Section("What to include", List.of(), fields));
        }
        if (p.lowEffort() != null) {
            List<String> rules = new ArrayList<>();
            if (p.lowEffort().proofOfConceptRequired()) {
                rules.add("A proof of concept is mandatory.");
            }
            if (p.lowEffort().patchRequired()) {
                rules.add("A patch or actionable remediation steps are mandatory.");
            }
            List<String> said = p.lowEffort().statement() == null ? List.of() : List.of(p.lowEffort().statement());
            if (!rules.isEmpty() || !said.isEmpty()) {
                out.add(new Section("Low-effort reports", said, rules));
            }
        }

        List<String> scope = new ArrayList<>();
        if (p.componentsInScope() != null && !p.componentsInScope().isEmpty()) {
            scope.add("Components: " + String.join(", ", p.componentsInScope()));
        }
        rules(p.inScope()).forEach(r -> scope.add(r.description()));
        if (!scope.isEmpty()) {
            out.add(new Section("In scope", List.of(), scope));
        }
        List<String> outOfScope = rules(p.outOfScope()).stream().map(r -> r.unlessDemonstratedImpact()
                ? r.description() + " (unless you show concrete impact)" : r.description()).toList();
        if (!outOfScope.isEmpty()) {
            out.add(new Section("Out of scope", List.of(), outOfScope));
        }
        List<String> design = rules(p.knownNonVulnerabilities()).stream().map(ScopeRule::description).toList();
        if (!design.isEmpty()) {
            out.add(new Section("Known design decisions (not vulnerabilities)", List.of(), design));
        }

        if (p.versions() != null) {
            List<String> versions = p.versions().supported().stream().map(v -> v.range() + ": " + switch (v.level()) {
            case SUPPORTED -> "supported";
            case SECURITY_FIXES_ONLY -> "security fixes only";
            case UNSUPPORTED -> "not supported";
            }).toList();
            List<String> said = new ArrayList<>();
            if (p.versions().statement() != null) {
                said.add(p.versions().statement());
            }
            if (p.versions().latestRelease() != null) {
                said.add("Latest release: " + p.versions().latestRelease());
            }
            out.add(new Section("Supported versions", said, versions));
        }

        List<String> times = new ArrayList<>();
        List<String> timesSaid = new ArrayList<>();
        if (p.sla() != null) {
            var sla = p.sla();
            deadline(times, "Acknowledgement", sla.acknowledge());
            deadline(times, "Assessment", sla.assess());
            if (sla.fix() != null) {
                deadline(times, "Fix, critical", sla.fix().critical());
                deadline(times, "Fix, high", sla.fix().high());
                deadline(times, "Fix, medium", sla.fix().medium());
                deadline(times, "Fix, low", sla.fix().low());
                if (sla.fix().statement() != null) {
                    timesSaid.add(sla.fix().statement());
                }
            }
            if (sla.statement() != null) {
                timesSaid.add(0, sla.statement());
            }
        }
        if (!times.isEmpty() || !timesSaid.isEmpty()) {
            out.add(new Section("Response times", timesSaid, times));
        }

        List<String> disclosure = new ArrayList<>();
        if (p.disclosure() != null) {
            var d = p.disclosure();
            if (d.statement() != null) {
                disclosure.add(d.statement());
            }
            if (d.agreeWithReporter()) {
                disclosure.add("The disclosure date is agreed with the reporter.");
            }
            if (d.deadlineDays() != null) {
                disclosure.add("Disclosure is due at the latest " + d.deadlineDays() + " days after the report"
                        + (d.publishOnDeadline() ? ", fixed or not." : "; an unfixed case is not published by it."));
            }
            if (d.headsUpDays() != null && d.headsUpDays() > 0) {
                disclosure.add("Self-hosters are told " + d.headsUpDays() + " days before publication.");
            }
        }
        if (p.lowSeverityToPublicTracker()) {
            String route = p.publicRoute() != null && p.publicRoute().statement() != null ? p.publicRoute().statement()
                    : "Low-severity issues may be moved to the public tracker.";
            disclosure.add(route + (p.publicTrackerUrl() == null ? "" : " " + p.publicTrackerUrl()));
        }
        if (!disclosure.isEmpty()) {
            out.add(new Section("Disclosure", disclosure, List.of()));
        }

        List<String> credit = new ArrayList<>();
        if (p.credit() != null && p.credit().statement() != null) {
            credit.add(p.credit().statement());
        }
        List<String> prior = p.priorCredits() == null ? List.of()
                : p.priorCredits().stream().map(c -> c.name() + (c.summary() == null ? "" : " — " + c.summary())
                        + (c.when() == null ? "" : " (" + c.when() + ")")).toList();
        if (!credit.isEmpty() || !prior.isEmpty()) {
            credit.add("Hall of fame: " + links.hallOfFame());
            out.add(new Section("Credit", credit, prior));
        }

        List<String> harbor = new ArrayList<>();
        if (p.safeHarbor() != null) {
            harbor.add(p.safeHarbor());
        }
        List<String> research = p.researchRules() == null ? List.of() : p.researchRules();
        if (!harbor.isEmpty() || !research.isEmpty()) {
            out.add(new Section("Safe harbor and testing", harbor, research));
        }
        out.add(new Section("Machine-readable", List.of(),
                List.of("Policy document: " + links.policyJson(), "security.txt: " + links.securityTxt())));
        return out;
    }

    static String markdown(String projectName, List<Section> sections) {
        StringBuilder md = new StringBuilder("# Security policy of ").append(md(projectName)).append("\n");
        for (Section s : sections) {
            md.append('\n');
            if (s.heading() != null) {
                md.append("## ").append(md(s.heading())).append("\n\n");
            }
            s.paragraphs().forEach(p -> md.append(md(p)).append("\n\n"));
            s.items().forEach(i -> md.append("- ").append(md(i)).append('\n'));
        }
        return md.toString().replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }

    static String html(String projectName, List<Section> sections) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append("Security policy of ").append(esc(projectName)).append("</title></head><body>\n<h1>")
                .append("Security policy of ").append(esc(projectName)).append("</h1>\n");
        for (Section s : sections) {
            if (s.heading() != null) {
                h.append("<h2>").append(esc(s.heading())).append("</h2>\n");
            }
            s.paragraphs().forEach(p -> h.append("<p>").append(esc(p)).append("</p>\n"));
            if (!s.items().isEmpty()) {
                h.append("<ul>\n");
                s.items().forEach(i -> h.append("<li>").append(esc(i)).append("</li>\n"));
                h.append("</ul>\n");
            }
        }
        return h.append("</body></html>\n").toString();
    }

    private static void field(List<String> out, String name, Requirement r) {
        if (r == Requirement.REQUIRED) {
            out.add(name + " (required)");
        } else if (r == Requirement.OPTIONAL) {
            out.add(name);
        }
    }

    private static void deadline(List<String> out, String stage, Deadline d) {
        if (d != null) {
            String unit = switch (d.unit()) {
            case HOURS -> "hours";
            case BUSINESS_HOURS -> "hours (business days)";
            case DAYS -> "days";
            case BUSINESS_DAYS -> "business days";
            case WEEKS -> "weeks";
            };
            out.add(stage + ": within " + d.amount() + " " + unit);
        }
    }

    private static List<ScopeRule> rules(List<ScopeRule> rules) {
        return rules == null ? List.of() : rules;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** Markdown that shows the text as written: characters with a Markdown meaning are escaped. */
    static String md(String s) {
        return s.replaceAll("([\\\\`*_{}\\[\\]()<>#+!|])", "\\\\$1").replaceAll("[\\r\\n]+", " ");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'",
                "&#39;");
    }
}
