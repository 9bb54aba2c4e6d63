package dev.embargo.triage.advisory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.embargo.events.CasePublished.Credit;
import dev.embargo.events.CreditType;
import dev.embargo.events.ReportContent;
import dev.embargo.rules.CvssRating;
import dev.embargo.triage.cases.Case;
import dev.embargo.triage.cases.CaseProject;
import dev.embargo.triage.projects.Project;
import dev.embargo.triage.projects.Projects;

/** Renders a case as an advisory in OSV, CVE JSON 5 (CNA container) and CSAF 2.0. */
@ApplicationScoped
class Advisories {

    /** The export formats. */
    public enum Format {
        OSV, CVE5, CSAF
    }

    private final AdvisoryConfig config;
    private final Projects projects;
    private final ObjectMapper json;

    Advisories(AdvisoryConfig config, Projects projects, ObjectMapper json) {
        this.config = config;
        this.projects = projects;
        this.json = json;
    }

    public JsonNode render(Format format, Case c, ReportContent content, List<Credit> credits, Instant at) {
        return switch (format) {
        case OSV -> osv(c, content, credits, at);
        case CVE5 -> cve5(c, content, credits, at);
        case CSAF -> csaf(c, content, credits, at);
        };
    }

    /** Credits the reporter consented to; anonymous ones carry no name. */
    public static List<Credit> credits(Case c, ReportContent content) {
        var pref = content.credit();
        if (pref == null || pref.visibility() == null || pref.visibility() == ReportContent.Visibility.NONE) {
            return List.of();
        }
        if (pref.visibility() == ReportContent.Visibility.ANONYMOUS || pref.name() == null || pref.name().isBlank()) {
            return List.of(new Credit(CreditType.FINDER, null, null, null, true, c.reporterSubject()));
        }
        return List
                .of(new Credit(CreditType.FINDER, pref.name(), pref.handle(), pref.link(), false, c.reporterSubject()));
    }

    JsonNode osv(Case c, ReportContent content, List<Credit> credits, Instant at) {
        ObjectNode o = json.createObjectNode();
        String ts = ts(at);
        o.put("schema_version", "1.6.0");
        o.put("id", config.osvIdPrefix() + c.trackingId());
        o.put("modified", ts);
        o.put("published", ts);
        o.put("summary", title(content));
        o.put("details", details(content));
        if (c.cvssVector() != null) {
            o.putArray("severity").addObject()
                    .put("type", c.cvssVector().startsWith("CVSS:4.0/") ? "CVSS_V4" : "CVSS_V3")
                    .put("score", c.cvssVector());
        }
        o.putArray("references").addObject().put("type", "ADVISORY").put("url", url(c));
        if (!credits.isEmpty()) {
            ArrayNode cr = o.putArray("credits");
            credits.forEach(k -> cr.addObject().put("name", k.anonymous() ? "Anonymous" : k.name()).put("type",
                    k.type().name()));
        }
        ObjectNode db = o.putObject("database_specific");
        db.put("tracking_id", c.trackingId());
        if (c.severity() != null) {
            db.put("severity", c.severity().name());
        }
        ArrayNode cwes = db.putArray("cwe_ids");
        c.cweIds().forEach(cwes::add);
        ArrayNode ps = db.putArray("projects");
        for (CaseProject p : c.projects()) {
            ObjectNode n = ps.addObject().put("slug", p.projectSlug()).put("status", p.status().name());
            if (p.fixedVersions() != null) {
                n.put("fixed_versions", p.fixedVersions());
            }
        }
        return o;
    }

    JsonNode cve5(Case c, ReportContent content, List<Credit> credits, Instant at) {
        ObjectNode o = json.createObjectNode();
        o.putObject("providerMetadata").put("orgId", config.cnaOrgId());
        o.put("title", truncate(title(content), 256));
        o.put("datePublic", ts(at));
        o.putArray("descriptions").addObject().put("lang", "en").put("value", truncate(details(content), 4096));
        ArrayNode affected = o.putArray("affected");
        for (CaseProject p : c.projects()) {
            ObjectNode a = affected.addObject().put("vendor", "N/A").put("product", productName(p));
            a.put("defaultStatus", switch (p.status()) {
            case AFFECTED -> "affected";
            case NOT_AFFECTED -> "unaffected";
            case FIXED, UNDER_INVESTIGATION -> "unknown";
            });
            if (p.fixedVersions() != null && !p.fixedVersions().isBlank()) {
                ArrayNode vs = a.putArray("versions");
                Arrays.stream(p.fixedVersions().split(",")).map(String::trim).filter(v -> !v.isEmpty())
                        .forEach(v -> vs.addObject().put("version", v).put("status", "unaffected"));
            }
        }
        if (!c.cweIds().isEmpty()) {
            ArrayNode ds = o.putArray("problemTypes").addObject().putArray("descriptions");
            c.cweIds().forEach(cwe -> ds.addObject().put("lang", "en").put("description", cwe).put("cweId", cwe)
                    .put("type", "CWE"));
        }
        if (c.cvssVector() != null) {
            CvssRating r = CvssRating.of(c.cvssVector());
            String key = "4.0".equals(r.version()) ? "cvssV4_0" : "cvssV3_1";
            o.putArray("metrics").addObject().putObject(key).put("version", r.version()).put("vectorString", r.vector())
                    .put("baseScore", r.score()).put("baseSeverity", r.severity().name());
        }
        o.putArray("references").addObject().put("url", url(c));
        if (!credits.isEmpty()) {
            ArrayNode cr = o.putArray("credits");
            credits.forEach(k -> cr.addObject().put("lang", "en")
                    .put("value", k.anonymous() ? "Anonymous researcher" : k.name())
                    .put("type", k.type().name().toLowerCase().replace('_', ' ')));
        }
        return o;
    }

    JsonNode csaf(Case c, ReportContent content, List<Credit> credits, Instant at) {
        ObjectNode o = json.createObjectNode();
        String ts = ts(at);
        ObjectNode doc = o.putObject("document");
        doc.put("category", "csaf_security_advisory");
        doc.put("csaf_version", "2.0");
        doc.putObject("publisher").put("category", "coordinator").put("name", config.publisherName()).put("namespace",
                config.publisherNamespace());
        doc.put("title", title(content));
        ObjectNode tracking = doc.putObject("tracking");
        tracking.put("current_release_date", ts).put("id", c.trackingId()).put("initial_release_date", ts);
        tracking.putArray("revision_history").addObject().put("date", ts).put("number", "1").put("summary",
                "Initial release.");
        tracking.put("status", "final").put("version", "1");
        doc.putArray("notes").addObject().put("category", "summary").put("title", "Details").put("text",
                details(content));
        doc.putArray("references").addObject().put("category", "self").put("summary", "This advisory").put("url",
                url(c));
        if (!credits.isEmpty()) {
            ArrayNode acks = doc.putArray("acknowledgments");
            for (Credit k : credits) {
                ObjectNode a = acks.addObject();
                if (!k.anonymous()) {
                    a.putArray("names").add(k.name());
                }
                a.put("summary", k.anonymous() ? "An anonymous researcher, for finding and reporting the issue."
                        : "For finding and reporting the issue.");
            }
        }
        ArrayNode products = o.putObject("product_tree").putArray("full_product_names");
        for (CaseProject p : c.projects()) {
            products.addObject().put("name", productName(p)).put("product_id", productId(p));
        }
        ObjectNode v = o.putArray("vulnerabilities").addObject();
        v.put("title", title(content));
        if (!c.cweIds().isEmpty()) {
            ArrayNode ids = v.putArray("ids");
            c.cweIds().forEach(cwe -> ids.addObject().put("system_name", "CWE").put("text", cwe));
        }
        ObjectNode status = v.putObject("product_status");
        statusList(status, "known_affected", c, CaseProject.Status.AFFECTED);
        statusList(status, "fixed", c, CaseProject.Status.FIXED);
        statusList(status, "known_not_affected", c, CaseProject.Status.NOT_AFFECTED);
        statusList(status, "under_investigation", c, CaseProject.Status.UNDER_INVESTIGATION);
        // CSAF 2.0 knows CVSS up to 3.1 only; a 4.0 vector stays in OSV and CVE 5.
        if (c.cvssVector() != null && c.cvssVector().startsWith("CVSS:3.1/")) {
            CvssRating r = CvssRating.of(c.cvssVector());
            ObjectNode score = v.putArray("scores").addObject();
            score.putObject("cvss_v3").put("version", "3.1").put("vectorString", r.vector()).put("baseScore", r.score())
                    .put("baseSeverity", r.severity().name());
            ArrayNode ps = score.putArray("products");
            c.projects().forEach(p -> ps.add(productId(p)));
        }
        return o;
    }

    private static void statusList(ObjectNode status, String name, Case c, CaseProject.Status s) {
        var ids = c.projects().stream().filter(p -> p.status() == s).map(Advisories::productId).toList();
        if (!ids.isEmpty()) {
            ArrayNode a = status.putArray(name);
            ids.forEach(a::add);
        }
    }

    private String productName(CaseProject p) {
        return projects.byId(p.projectId()).map(Project::name).filter(n -> n != null && !n.isBlank())
                .orElse(p.projectSlug());
    }

    private static String productId(CaseProject p) {
        return "EMBARGO-" + p.projectSlug();
    }

    private String url(Case c) {
        return config.referenceBaseUrl() + c.trackingId();
    }

    private static String title(ReportContent content) {
        return content.title() == null || content.title().isBlank() ? "Security advisory" : content.title();
    }

    private static String details(ReportContent content) {
        StringBuilder b = new StringBuilder(content.description() == null ? "" : content.description());
        if (content.impact() != null && !content.impact().isBlank()) {
            b.append("\n\nImpact: ").append(content.impact());
        }
        return b.isEmpty() ? "See the references." : b.toString();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String ts(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
