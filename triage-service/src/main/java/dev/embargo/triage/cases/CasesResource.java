package dev.embargo.triage.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.JsonNode;

import dev.embargo.platform.problem.ProblemException;
import dev.embargo.triage.advisory.Advisories;
import dev.embargo.triage.projects.Projects;
import io.quarkus.security.Authenticated;

/** The maintainers' API: cases of the caller's projects only; any other case answers like a missing one. */
@Path("/api/v1/cases")
@Authenticated
public class CasesResource {

    /** The deepest offset the list pages to. */
    static final int MAX_OFFSET = 100_000;

    private final Cases cases;
    private final CaseAccess access;
    private final CaseWorkflow workflow;
    private final Projects projects;
    private final Sealing sealing;
    private final Advisories advisories;
    private final CaseFindings findings;
    private final JsonWebToken caller;
    private final Clock clock;

    CasesResource(Cases cases, CaseAccess access, CaseWorkflow workflow, Projects projects, Sealing sealing,
            Advisories advisories, CaseFindings findings, JsonWebToken caller, Clock clock) {
        this.findings = findings;
        this.cases = cases;
        this.access = access;
        this.workflow = workflow;
        this.projects = projects;
        this.sealing = sealing;
        this.advisories = advisories;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Transactional
    public List<CaseApi.CaseSummary> list(@QueryParam("project") String project, @QueryParam("state") String state,
            @QueryParam("severity") String severity, @QueryParam("sla") String sla,
            @QueryParam("dueWithin") String dueWithin, @QueryParam("finding") String finding,
            @QueryParam("assignee") String assignee, @QueryParam("trackingId") String trackingId,
            @QueryParam("sort") @DefaultValue("submitted") String sort, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size, @Context UriInfo uri) {
        // The offset is page × size: bounded, so it neither overflows nor asks the database to skip millions of rows.
        if (page < 0 || size < 1 || size > 100 || (long) page * size > MAX_OFFSET) {
            throw ProblemException.badRequest("invalid-paging",
                    "page >= 0, 1 <= size <= 100 and page × size <= " + MAX_OFFSET + "; narrow the filter instead.");
        }
        if (!Set.of("submitted", "deadline").contains(sort)) {
            throw ProblemException.badRequest("invalid-filter", "sort is submitted (newest first) or deadline.");
        }
        var filter = filter(project, state, severity, sla, dueWithin, finding, unassigned(assignee, uri), trackingId,
                "deadline".equals(sort));
        if (filter == null) {
            return List.of();
        }
        List<Case> found = cases.list(filter, page, size);
        var flagged = findings.of(found.stream().map(Case::id).toList());
        return found.stream().map(c -> CaseApi.summary(c, flagged.getOrDefault(c.id(), List.of()))).toList();
    }

    @GET
    @Path("/counts")
    @Transactional
    public java.util.Map<CaseState, Long> counts(@QueryParam("project") String project,
            @QueryParam("severity") String severity, @QueryParam("sla") String sla,
            @QueryParam("dueWithin") String dueWithin, @QueryParam("finding") String finding,
            @QueryParam("assignee") String assignee, @QueryParam("trackingId") String trackingId,
            @Context UriInfo uri) {
        var filter = filter(project, null, severity, sla, dueWithin, finding, unassigned(assignee, uri), trackingId,
                false);
        if (filter == null) {
            var none = new java.util.EnumMap<CaseState, Long>(CaseState.class);
            for (CaseState s : CaseState.values()) {
                none.put(s, 0L);
            }
            return none;
        }
        return cases.countByState(filter);
    }

    /** {@code assignee=} asks for the unassigned cases: Quarkus REST reads an empty query value as no value at all. */
    private static String unassigned(String assignee, UriInfo uri) {
        return assignee == null && uri.getQueryParameters().containsKey("assignee") ? "" : assignee;
    }

    /** The caller's filter over their own projects; null when it can find nothing. */
    private Cases.Filter filter(String project, String state, String severity, String sla, String dueWithin,
            String finding, String assignee, String trackingId, boolean byDeadline) {
        Set<String> mine = new HashSet<>(projects.projectIdsOf(subject()));
        if (project != null) {
            mine.retainAll(projects.bySlug(project).map(p -> Set.of(p.id())).orElse(Set.of()));
        }
        if (sla != null && !Set.of("BREACHED", "WARNING", "ON_TRACK").contains(sla)) {
            throw ProblemException.badRequest("invalid-filter", "sla is BREACHED, WARNING or ON_TRACK.");
        }
        if (finding != null && !finding.matches("[a-z0-9][a-z0-9:-]{0,199}")) {
            throw ProblemException.badRequest("invalid-filter",
                    "finding is a finding code such as out-of-scope:self-xss, or its kind such as out-of-scope.");
        }
        if (assignee != null && assignee.length() > 200) {
            throw ProblemException.badRequest("invalid-filter", "assignee is a subject of at most 200 characters.");
        }
        if (trackingId != null && !trackingId.matches("[A-Za-z0-9-]{1,40}")) {
            throw ProblemException.badRequest("invalid-filter", "trackingId is a tracking id such as FIM-2026-0001.");
        }
        if (mine.isEmpty()) {
            return null;
        }
        return new Cases.Filter(mine, parse(CaseState.class, state, "state"),
                parse(Severity.class, severity, "severity"), sla,
                dueWithin == null ? null : clock.instant().plus(duration(dueWithin)), finding, assignee, trackingId,
                byDeadline);
    }

    @GET
    @Path("/{id}")
    @Transactional
    public CaseApi.CaseDetail get(@PathParam("id") String id, @QueryParam("tz") String tz) {
        Case c = access.forMaintainer(id, subject());
        return CaseApi.detail(c, sealing.content(c), findings.of(c.id()),
                tz == null ? null : DisclosureInstant.zone(tz, null));
    }

    @GET
    @Path("/{id}/history")
    @Transactional
    public List<CaseApi.HistoryView> history(@PathParam("id") String id) {
        return access.forMaintainer(id, subject()).history().stream().map(CaseApi::view).toList();
    }

    @POST
    @Path("/{id}/transitions")
    @Transactional
    public CaseApi.CaseDetail transition(@PathParam("id") String id, CaseApi.TransitionRequest body) {
        access.forMaintainer(id, subject());
        var t = body == null ? new CaseApi.TransitionRequest(null, null, null, null, null, null, null, null) : body;
        Case c = workflow.transition(id, subject(), new CaseWorkflow.Transition(t.action(), t.reason(), t.resolution(),
                t.duplicateOf(), t.cvssVector(), t.severity(), t.version(), Boolean.TRUE.equals(t.override())));
        return detail(c);
    }

    @PUT
    @Path("/{id}/severity")
    @Transactional
    public CaseApi.CaseDetail rate(@PathParam("id") String id, CaseApi.SeverityRequest body) {
        access.forMaintainer(id, subject());
        var r = body == null ? new CaseApi.SeverityRequest(null, null, null, null) : body;
        Case c = workflow.rate(id, subject(), r.cvssVector(), r.severity(), r.cweIds(), r.version());
        return detail(c);
    }

    @PUT
    @Path("/{id}/assignee")
    @Transactional
    public CaseApi.CaseSummary assign(@PathParam("id") String id, CaseApi.AssignRequest body) {
        access.forMaintainer(id, subject());
        Case c = workflow.assign(id, subject(), body == null ? null : body.assignee());
        return CaseApi.summary(c, findings.of(c.id()));
    }

    /** The conversation: the reporter thread plus internal notes of the caller's own projects on the case. */
    @GET
    @Path("/{id}/messages")
    @Transactional
    public List<CaseApi.MessageView> messages(@PathParam("id") String id) {
        Case c = access.forMaintainer(id, subject());
        Set<String> mine = access.memberProjects(c, subject());
        return cases.messages(c.id()).stream()
                .filter(m -> m.visibility() == Message.Visibility.REPORTER || mine.contains(m.projectId()))
                .map(m -> view(c, m)).toList();
    }

    @POST
    @Path("/{id}/messages")
    @Transactional
    @ResponseStatus(201)
    public CaseApi.MessageView post(@PathParam("id") String id, CaseApi.MessageRequest body) {
        Case c = access.forMaintainer(id, subject());
        if (body == null || body.visibility() == null) {
            throw ProblemException.badRequest("validation", "visibility (REPORTER or INTERNAL) and text are required.");
        }
        Message m = workflow.postAsMaintainer(id, subject(), body.visibility(), body.projectSlug(), body.text());
        return view(c, m);
    }

    @POST
    @Path("/{id}/projects")
    @Transactional
    @ResponseStatus(201)
    public CaseApi.CaseDetail addProject(@PathParam("id") String id, CaseApi.AddProjectRequest body) {
        access.forMaintainer(id, subject());
        Case c = workflow.addProject(id, subject(), body == null ? null : body.projectSlug());
        return detail(c);
    }

    @PUT
    @Path("/{id}/projects/{slug}")
    @Transactional
    public CaseApi.CaseDetail projectStatus(@PathParam("id") String id, @PathParam("slug") String slug,
            CaseApi.ProjectStatusRequest body) {
        access.forMaintainer(id, subject());
        var b = body == null ? new CaseApi.ProjectStatusRequest(null, null, null) : body;
        Case c = workflow.updateProjectStatus(id, subject(), slug, b.status(), b.fixedVersions(), b.statement());
        return detail(c);
    }

    /** Removes a partner project from the case (the lead's maintainers only). */
    @DELETE
    @Path("/{id}/projects/{slug}")
    @Transactional
    public CaseApi.CaseDetail removeProject(@PathParam("id") String id, @PathParam("slug") String slug) {
        Case c = workflow.removeProject(id, subject(), slug);
        return detail(c);
    }

    /** A project's members agree to or object to the proposed disclosure date. */
    @PUT
    @Path("/{id}/projects/{slug}/disclosure-stance")
    @Transactional
    public CaseApi.CaseDetail dateStance(@PathParam("id") String id, @PathParam("slug") String slug,
            CaseApi.DateStanceRequest body) {
        Boolean agrees = body == null || body.stance() == null ? null : body.stance() == CaseApi.Stance.AGREE;
        Case c = workflow.respondToDate(id, subject(), slug, agrees, body == null ? null : body.reason());
        return detail(c);
    }

    @PUT
    @Path("/{id}/disclosure")
    @Transactional
    public CaseApi.CaseDetail disclosure(@PathParam("id") String id, CaseApi.DisclosureRequest body) {
        access.forMaintainer(id, subject());
        var b = body == null ? new CaseApi.DisclosureRequest(null, null, null) : body;
        Case c = workflow.proposeDisclosure(id, subject(), b.date(), b.time(), b.timeZone());
        return detail(c);
    }

    /** The advisory of the case (a preview until it is published). */
    @GET
    @Path("/{id}/advisory")
    @Transactional
    public JsonNode advisory(@PathParam("id") String id, @QueryParam("format") @DefaultValue("osv") String format) {
        Case c = access.forMaintainer(id, subject());
        Advisories.Format f = parse(Advisories.Format.class, format == null ? null : format.toUpperCase(), "format");
        var content = sealing.content(c);
        return advisories.render(f, c, content, Advisories.credits(c, content), c.updatedAt());
    }

    private CaseApi.CaseDetail detail(Case c) {
        return CaseApi.detail(c, sealing.content(c), findings.of(c.id()));
    }

    private CaseApi.MessageView view(Case c, Message m) {
        String slug = m.projectId() == null ? null
                : c.project(m.projectId()).map(CaseProject::projectSlug).orElse(null);
        return new CaseApi.MessageView(m.id(), m.postedAt(), m.authorKind(), m.visibility(), slug, sealing.body(m));
    }

    private String subject() {
        return caller.getSubject();
    }

    private static Duration duration(String iso) {
        try {
            Duration d = Duration.parse(iso);
            if (d.isNegative()) {
                throw new DateTimeParseException("negative", iso, 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-filter", "dueWithin is an ISO-8601 duration such as P3D.");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-filter", name + " has an unknown value.");
        }
    }
}
