package dev.embargo.portal.cases;

import static dev.embargo.portal.web.Forms.blank;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.embargo.portal.services.IntakeApi;
import dev.embargo.portal.services.Json;
import dev.embargo.portal.services.TriageApi;
import dev.embargo.portal.web.Problem;
import dev.embargo.portal.web.ProblemPages;
import dev.embargo.portal.web.Viewer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * One case: the report, findings, the thread and internal notes with the audit history in one timeline, the SLA
 * milestones, severity (with the CVSS editor), assignee, per-project status, the steps legal now, the disclosure date,
 * advisory preview and downloads. Every form posts back here and is answered with a redirect to the case (a reload
 * never re-sends it); the case's version goes along, so a concurrent edit is refused by triage instead of lost.
 */
@Path("/cases/{trackingId}")
@Authenticated
public class CasePage {

    static final Set<String> FORMATS = Set.of("osv", "cve5", "csaf");
    static final List<String> RESOLUTIONS = List.of("DUPLICATE", "OUT_OF_SCOPE", "INFORMATIVE", "NOT_APPLICABLE",
            "SPAM", "WONT_FIX", "MOVED_PUBLIC");
    static final List<String> PROJECT_STATUSES = List.of("UNDER_INVESTIGATION", "AFFECTED", "NOT_AFFECTED", "FIXED");

    private final TriageApi triage;
    private final IntakeApi intake;
    private final Template page;
    private final Viewer viewer;
    private final ProblemPages problems;

    CasePage(@RestClient TriageApi triage, @RestClient IntakeApi intake, @Location("case.html") Template page,
            Viewer viewer, ProblemPages problems) {
        this.triage = triage;
        this.intake = intake;
        this.page = page;
        this.viewer = viewer;
        this.problems = problems;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show(@PathParam("trackingId") String trackingId) {
        String id = caseId(trackingId);
        Json c = triage.get(id, viewer.zoneName());
        List<Json> timeline = new ArrayList<>();
        triage.messages(id).forEach(m -> timeline.add(Json.of("kind",
                "INTERNAL".equals(m.text("visibility")) ? "note" : "message", "at", m.get("postedAt"), "item", m)));
        triage.history(id).forEach(h -> timeline.add(Json.of("kind", "history", "at", h.get("occurredAt"), "item", h)));
        timeline.sort(Comparator.comparing(e -> Instant.parse(e.text("at"))));
        String preview = null;
        if (Set.of("FIXED", "PUBLISHED").contains(c.text("state"))) {
            try {
                preview = triage.advisory(id, "osv");
            } catch (WebApplicationException e) {
                preview = null; // not exportable yet: the downloads say why when asked
            }
        }
        String vector = c.text("cvssVector");
        List<Json> mine = intake.myProjects();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> affected = (List<Map<String, Object>>) c.getOrDefault("projects", List.of());
        var affectedSlugs = affected.stream().map(p -> String.valueOf(p.get("slug"))).toList();
        return page.data("c", c).data("timeline", timeline).data("metrics", Cvss31.METRICS)
                .data("chosen", Cvss31.parse(vector)).data("score", CvssScores.of(vector)).data("preview", preview)
                .data("resolutions", RESOLUTIONS).data("projectStatuses", PROJECT_STATUSES)
                .data("addable", mine.stream().filter(p -> !affectedSlugs.contains(p.text("slug"))).toList())
                .data("memberOf", mine.stream().map(p -> p.text("slug")).filter(affectedSlugs::contains).toList());
    }

    @POST
    @Path("/transition")
    public Response transition(@PathParam("trackingId") String trackingId, @FormParam("action") String action,
            @FormParam("reason") String reason, @FormParam("resolution") String resolution,
            @FormParam("duplicateOf") String duplicateOf, @FormParam("override") String override,
            @FormParam("version") Long version) {
        return act(trackingId, id -> {
            String duplicateId = blank(duplicateOf) == null ? null
                    : caseId(duplicateOf.strip().toUpperCase(Locale.ROOT));
            triage.transition(id, Json.of("action", action, "reason", blank(reason), "resolution", blank(resolution),
                    "duplicateOf", duplicateId, "version", version, "override", "on".equals(override) ? true : null));
        });
    }

    @POST
    @Path("/severity")
    public Response severity(@PathParam("trackingId") String trackingId, MultivaluedMap<String, String> form) {
        Map<String, String> chosen = new HashMap<>();
        Cvss31.METRICS.forEach(m -> {
            String v = form.getFirst("m-" + m.key());
            if (v != null) {
                chosen.put(m.key(), v);
            }
        });
        String typed = blank(form.getFirst("vector"));
        String vector = typed != null ? typed : Cvss31.vector(chosen);
        List<String> cwes = new ArrayList<>();
        String cweText = blank(form.getFirst("cwe"));
        if (cweText != null) {
            for (String part : cweText.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    cwes.add(part.toUpperCase(Locale.ROOT).startsWith("CWE-") ? part.toUpperCase(Locale.ROOT)
                            : "CWE-" + part);
                }
            }
        }
        Long version = parseLong(form.getFirst("version"));
        return act(trackingId, id -> {
            if ("TRIAGE".equals(form.getFirst("then"))) {
                Json after = triage.transition(id,
                        Json.of("action", "TRIAGE", "cvssVector", vector, "version", version));
                if (!cwes.isEmpty()) {
                    triage.severity(id, Json.of("cvssVector", vector, "cweIds", cwes, "version", after.get("version")));
                }
            } else {
                triage.severity(id, Json.of("cvssVector", vector, "cweIds", cwes, "version", version));
            }
        });
    }

    @POST
    @Path("/assignee")
    public Response assign(@PathParam("trackingId") String trackingId, @FormParam("assignee") String assignee) {
        return act(trackingId, id -> triage.assign(id, Json.of("assignee", blank(assignee))));
    }

    @POST
    @Path("/messages")
    public Response post(@PathParam("trackingId") String trackingId, @FormParam("visibility") String visibility,
            @FormParam("projectSlug") String projectSlug, @FormParam("text") String text) {
        return act(trackingId, id -> triage.post(id,
                Json.of("visibility", visibility, "projectSlug", blank(projectSlug), "text", text)));
    }

    @POST
    @Path("/projects")
    public Response addProject(@PathParam("trackingId") String trackingId, @FormParam("projectSlug") String slug) {
        return act(trackingId, id -> triage.addProject(id, Json.of("projectSlug", blank(slug))));
    }

    @POST
    @Path("/projects/{slug}")
    public Response projectStatus(@PathParam("trackingId") String trackingId, @PathParam("slug") String slug,
            @FormParam("status") String status, @FormParam("fixedVersions") String fixedVersions,
            @FormParam("statement") String statement) {
        return act(trackingId, id -> triage.projectStatus(id, slug,
                Json.of("status", status, "fixedVersions", blank(fixedVersions), "statement", blank(statement))));
    }

    @POST
    @Path("/projects/{slug}/stance")
    public Response stance(@PathParam("trackingId") String trackingId, @PathParam("slug") String slug,
            @FormParam("stance") String stance, @FormParam("reason") String reason) {
        return act(trackingId, id -> triage.stance(id, slug, Json.of("stance", stance, "reason", blank(reason))));
    }

    @POST
    @Path("/disclosure")
    public Response disclosure(@PathParam("trackingId") String trackingId, @FormParam("date") String date,
            @FormParam("time") String time, @FormParam("timeZone") String timeZone) {
        return act(trackingId, id -> triage.disclosure(id,
                Json.of("date", blank(date), "time", blank(time), "timeZone", blank(timeZone))));
    }

    /** An advisory export as a download (OSV, CVE JSON 5, CSAF 2.0). */
    @GET
    @Path("/advisory/{format}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response advisory(@PathParam("trackingId") String trackingId, @PathParam("format") String format) {
        if (!FORMATS.contains(format)) {
            throw new NotFoundException();
        }
        String body = triage.advisory(caseId(trackingId), format);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + trackingId + "-" + format + ".json\"")
                .build();
    }

    /** The case's id in triage, found among the reader's own cases only: anything else answers like a missing one. */
    private String caseId(String trackingId) {
        if (trackingId == null || !trackingId.matches("[A-Za-z0-9-]{1,40}")) {
            throw new NotFoundException();
        }
        List<Json> found = triage.cases(null, null, null, null, null, null, trackingId, null, 0, 1);
        if (found.isEmpty()) {
            throw new NotFoundException();
        }
        return found.get(0).text("id");
    }

    private static Response back(String trackingId) {
        return Response.seeOther(URI.create("/cases/" + trackingId)).build();
    }

    /**
     * Runs a form's calls on the case (found among the reader's own; anything else answers like a missing one); a
     * refusal is shown as a page whose reload link goes back to the case.
     */
    private Response act(String trackingId, Consumer<String> calls) {
        String id = caseId(trackingId);
        try {
            calls.accept(id);
        } catch (WebApplicationException e) {
            return problems.page(Problem.of(e), "/cases/" + trackingId);
        }
        return back(trackingId);
    }

    private static Long parseLong(String s) {
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
