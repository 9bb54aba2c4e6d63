package dev.embargo.triage.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import dev.embargo.triage.projects.Projects;
import dev.embargo.triage.sla.Severity;
import io.quarkus.security.Authenticated;

/** The maintainers' API: cases of the caller's projects only; any other case answers like a missing one. */
@Path("/api/v1/cases")
@Authenticated
@Tag(name = "Cases", description = "Maintainers triage, coordinate and disclose the cases of their projects")
public class CasesResource {

    /** The deepest offset the list pages to. */
    static final int MAX_OFFSET = 100_000;

    private final Cases cases;
    private final CaseAccess access;
    private final CaseWorkflow workflow;
    private final Projects projects;
    private final Sealing sealing;
    private final CaseFindings findings;
    private final JsonWebToken caller;
    private final Clock clock;

    CasesResource(Cases cases, CaseAccess access, CaseWorkflow workflow, Projects projects, Sealing sealing,
            CaseFindings findings, JsonWebToken caller, Clock clock) {
        this.findings = findings;
        this.cases = cases;
        this.access = access;
        this.workflow = workflow;
        this.projects = projects;
        this.sealing = sealing;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Transactional
    @Operation(summary = "The caller's cases", description = "Cases of the projects the caller maintains, filtered by project, state, severity, SLA standing, a deadline within a duration, a finding, the assignee (empty for unassigned) or a tracking id; newest first or by the next open deadline, in pages of at most 100.")
    @APIResponse(responseCode = "200", description = "One page of cases", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "cases", value = ApiExamples.CASE_SUMMARIES)))
    @APIResponse(responseCode = "400", description = "A filter or the paging is malformed", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "invalid-filter", value = ApiExamples.INVALID_FILTER),
            @ExampleObject(name = "invalid-paging", value = ApiExamples.INVALID_PAGING) }))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
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
    @Operation(summary = "How many of the caller's cases are in each state", description = "The same filters as the list, the state filter aside; every state is present, zero when none.")
    @APIResponse(responseCode = "200", description = "A count per state", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "counts", value = ApiExamples.COUNTS)))
    @APIResponse(responseCode = "400", description = "A filter is malformed", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid-filter", value = ApiExamples.INVALID_FILTER)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public Map<CaseState, Long> counts(@QueryParam("project") String project, @QueryParam("severity") String severity,
            @QueryParam("sla") String sla, @QueryParam("dueWithin") String dueWithin,
            @QueryParam("finding") String finding, @QueryParam("assignee") String assignee,
            @QueryParam("trackingId") String trackingId, @Context UriInfo uri) {
        var filter = filter(project, null, severity, sla, dueWithin, finding, unassigned(assignee, uri), trackingId,
                false);
        if (filter == null) {
            var none = new EnumMap<CaseState, Long>(CaseState.class);
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
    @Operation(summary = "One case with its report", description = "The case, its projects, SLA clocks, the decrypted report, the gate's findings and the steps its state allows; with tz the disclosure instant is also given in the reader's zone.")
    @APIResponse(responseCode = "200", description = "The case", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.CASE_DETAIL)))
    @APIResponse(responseCode = "400", description = "tz is not an IANA time zone", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid-time-zone", value = ApiExamples.INVALID_TIME_ZONE)))
    @APIResponse(responseCode = "404", description = "No such case among the caller's projects (any other case answers the same)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public CaseApi.CaseDetail get(@PathParam("id") String id, @QueryParam("tz") String tz) {
        Case c = access.maintainer(id, subject()).aCase();
        return CaseApi.detail(c, sealing.content(c), findings.of(c.id()),
                tz == null ? null : DisclosureInstant.zone(tz, null));
    }

    @GET
    @Path("/{id}/history")
    @Transactional
    @Operation(summary = "The case's history", description = "Every step in order: who, when, from which state to which, and why.")
    @APIResponse(responseCode = "200", description = "The history", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "history", value = ApiExamples.HISTORY)))
    @APIResponse(responseCode = "404", description = "No such case among the caller's projects (any other case answers the same)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public List<CaseApi.HistoryView> history(@PathParam("id") String id) {
        return access.maintainer(id, subject()).aCase().history().stream().map(CaseApi::view).toList();
    }

    @POST
    @Path("/{id}/transitions")
    @Transactional
    @Operation(summary = "Move the case a step", description = "ACKNOWLEDGE, REQUEST_INFO, RESUME, TRIAGE (with a CVSS vector or a severity), START_FIX, MARK_FIXED, PUBLISH (override: a lead owner publishes despite the guard, with a reason), CLOSE (with a resolution) or REOPEN; only the lead project's maintainers move a case. version detects a concurrent edit.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "triage", value = ApiExamples.TRANSITION)))
    @APIResponse(responseCode = "200", description = "The case after the step", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.CASE_DETAIL)))
    @APIResponse(responseCode = "400", description = "The request is incomplete or malformed", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "validation", value = ApiExamples.VALIDATION),
            @ExampleObject(name = "severity-required", value = ApiExamples.SEVERITY_REQUIRED),
            @ExampleObject(name = "invalid-cvss", value = ApiExamples.INVALID_CVSS),
            @ExampleObject(name = "invalid-resolution", value = ApiExamples.INVALID_RESOLUTION),
            @ExampleObject(name = "unknown-duplicate", value = ApiExamples.UNKNOWN_DUPLICATE),
            @ExampleObject(name = "override-reason", value = ApiExamples.OVERRIDE_REASON) }))
    @APIResponse(responseCode = "403", description = "The caller's role on the case does not allow the step", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "lead-only", value = ApiExamples.LEAD_ONLY),
            @ExampleObject(name = "lead-owner-only", value = ApiExamples.LEAD_OWNER_ONLY) }))
    @APIResponse(responseCode = "404", description = "No such case among the caller's projects (any other case answers the same)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The case's state, its publication guard, its policy or a concurrent edit refuses the step", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "state-conflict", value = ApiExamples.STATE_CONFLICT),
            @ExampleObject(name = "publication-blocked", value = ApiExamples.PUBLICATION_BLOCKED),
            @ExampleObject(name = "public-route", value = ApiExamples.PUBLIC_ROUTE),
            @ExampleObject(name = "concurrent-edit", value = ApiExamples.CONCURRENT_EDIT) }))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public CaseApi.CaseDetail transition(@PathParam("id") String id, CaseApi.TransitionRequest body) {
        Case c = workflow.transition(id, subject(), body);
        return detail(c);
    }

    @PUT
    @Path("/{id}/severity")
    @Transactional
    @Operation(summary = "Rate and classify the case", description = "Sets the severity from a CVSS 3.1 or 4.0 vector (or a plain severity) and the CWE ids without moving the case.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "rating", value = ApiExamples.SEVERITY)))
    @APIResponse(responseCode = "200", description = "The rated case", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.CASE_DETAIL)))
    @APIResponse(responseCode = "400", description = "The vector or a CWE id is malformed", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "invalid-cvss", value = ApiExamples.INVALID_CVSS),
            @ExampleObject(name = "invalid-cwe", value = ApiExamples.INVALID_CWE) }))
    @APIResponse(responseCode = "403", description = "Only the lead project rates", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "lead-only", value = ApiExamples.LEAD_ONLY)))
    @APIResponse(responseCode = "404", description = "No such case among the caller's projects (any other case answers the same)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The case is closed, or changed since it was read", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "state-conflict", value = ApiExamples.STATE_CONFLICT),
            @ExampleObject(name = "concurrent-edit", value = ApiExamples.CONCURRENT_EDIT) }))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public CaseApi.CaseDetail rate(@PathParam("id") String id, CaseApi.SeverityRequest body) {
        var r = body == null ? new CaseApi.SeverityRequest(null, null, null, null) : body;
        Case c = workflow.rate(id, subject(), r.cvssVector(), r.severity(), r.cweIds(), r.version());
        return detail(c);
    }

    @PUT
    @Path("/{id}/assignee")
    @Transactional
    @Operation(summary = "Assign the case", description = "To a maintainer of one of its projects, or to nobody (assignee null).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "assignee", value = ApiExamples.ASSIGN)))
    @APIResponse(responseCode = "200", description = "The case", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.CASE_SUMMARY)))
    @APIResponse(responseCode = "400", description = "The assignee maintains none of the case's projects", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-a-maintainer", value = ApiExamples.NOT_A_MAINTAINER)))
    @APIResponse(responseCode = "403", description = "Only the lead project assigns", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "lead-only", value = ApiExamples.LEAD_ONLY)))
    @APIResponse(responseCode = "404", description = "No such case among the caller's projects (any other case answers the same)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The case is closed", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "state-conflict", value = ApiExamples.STATE_CONFLICT)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public CaseApi.CaseSummary assign(@PathParam("id") String id, CaseApi.AssignRequest body) {
        Case c = workflow.assign(id, subject(), body == null ? null : body.assignee());
        return CaseApi.summary(c, findings.of(c.id()));
    }

    /** The conversation: the reporter thread plus internal notes of the caller's own projects on the case. */
    @GET
    @Path("/{id}/messages")
    @Transactional
    @Operation(summary = "The conversation", description = "The reporter's thread and the internal notes of the caller's own projects on the case, oldest first.")
    @APIResponse(responseCode = "200", description = "The messages", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "messages", value = ApiExamples.THREAD)))
    @APIResponse(responseCode = "404", description = "No such case among the caller's projects (any other case answers the same)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public List<CaseApi.MessageView> messages(@PathParam("id") String id) {
        var reader = access.maintainer(id, subject());
        Case c = reader.aCase();
        Set<String> mine = c.projectsOf(reader.by());
        return cases.messages(c.id()).stream()
                .filter(m -> m.visibility() == Message.Visibility.REPORTER || mine.contains(m.projectId()))
                .map(m -> view(c, m)).toList();
    }

    @POST
    @Path("/{id}/messages")
    @Transactional
    @ResponseStatus(201)
    @Operation(summary = "Write to the reporter or an internal note", description = "REPORTER messages go to the reporter's thread (and mail them); INTERNAL notes belong to one of the caller's projects on the case and only its members read them.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "note", value = ApiExamples.NOTE)))
    @APIResponse(responseCode = "201", description = "The message as posted", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "note", value = ApiExamples.NOTE_VIEW)))
    @APIResponse(responseCode = "400", description = "A field is missing or too long, or the note names none of the caller's projects", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "validation", value = ApiExamples.VALIDATION),
            @ExampleObject(name = "project-required", value = ApiExamples.PROJECT_REQUIRED) }))
    @APIResponse(responseCode = "404", description = "No such case among the caller's projects (any other case answers the same)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public CaseApi.MessageView post(@PathParam("id") String id, CaseApi.MessageRequest body) {
        Message m = workflow.postAsMaintainer(id, subject(), body);
        return view(cases.byId(id).orElseThrow(CaseRefusal::notFound), m);
    }

    @POST
    @Path("/{id}/projects")
    @Transactional
    @ResponseStatus(201)
    @Operation(summary = "Add an affected project", description = "Another hosted project joins the case with the clocks of its own current policy; only the lead project adds.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "project", value = ApiExamples.ADD_PROJECT)))
    @APIResponse(responseCode = "201", description = "The case with the project", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.CASE_DETAIL)))
    @APIResponse(responseCode = "400", description = "No hosted project has this slug", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unknown-project", value = ApiExamples.UNKNOWN_PROJECT)))
    @APIResponse(responseCode = "403", description = "Only the lead project adds projects", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "lead-only", value = ApiExamples.LEAD_ONLY)))
    @APIResponse(responseCode = "404", description = "No such case among the caller's projects (any other case answers the same)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The project is already on the case, or the case is closed", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "already-affected", value = ApiExamples.ALREADY_AFFECTED),
            @ExampleObject(name = "state-conflict", value = ApiExamples.STATE_CONFLICT) }))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public CaseApi.CaseDetail addProject(@PathParam("id") String id, CaseApi.AddProjectRequest body) {
        Case c = workflow.addProject(id, subject(), body == null ? null : body.projectSlug());
        return detail(c);
    }

    @PUT
    @Path("/{id}/projects/{slug}")
    @Transactional
    @Operation(summary = "Set a project's own status", description = "Status, fixed versions and statement of one affected project; only its members set them, and its answer settles its own clocks.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "status", value = ApiExamples.PROJECT_STATUS)))
    @APIResponse(responseCode = "200", description = "The case", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.CASE_DETAIL)))
    @APIResponse(responseCode = "400", description = "A field is missing or too long", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "validation", value = ApiExamples.VALIDATION)))
    @APIResponse(responseCode = "404", description = "No such case, or the caller is no member of this project", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The case is closed", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "state-conflict", value = ApiExamples.STATE_CONFLICT)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public CaseApi.CaseDetail projectStatus(@PathParam("id") String id, @PathParam("slug") String slug,
            CaseApi.ProjectStatusRequest body) {
        Case c = workflow.updateProjectStatus(id, subject(), slug, body);
        return detail(c);
    }

    /** Removes a partner project from the case (the lead's maintainers only). */
    @DELETE
    @Path("/{id}/projects/{slug}")
    @Transactional
    @Operation(summary = "Remove a partner project", description = "Only the lead project removes partners; the lead project itself stays.")
    @APIResponse(responseCode = "200", description = "The case without the project", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.CASE_DETAIL)))
    @APIResponse(responseCode = "403", description = "Only the lead project removes projects", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "lead-only", value = ApiExamples.LEAD_ONLY)))
    @APIResponse(responseCode = "404", description = "No such case among the caller's projects (any other case answers the same)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The lead project stays, or the case is closed", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "lead-project", value = ApiExamples.LEAD_PROJECT),
            @ExampleObject(name = "state-conflict", value = ApiExamples.STATE_CONFLICT) }))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public CaseApi.CaseDetail removeProject(@PathParam("id") String id, @PathParam("slug") String slug) {
        Case c = workflow.removeProject(id, subject(), slug);
        return detail(c);
    }

    /** A project's members agree to or object to the proposed disclosure date. */
    @PUT
    @Path("/{id}/projects/{slug}/disclosure-stance")
    @Transactional
    @Operation(summary = "Agree to or object to the proposed disclosure date", description = "One project's answer; an objection holds publication back until the date changes.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "stance", value = ApiExamples.STANCE)))
    @APIResponse(responseCode = "200", description = "The case", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.CASE_DETAIL)))
    @APIResponse(responseCode = "400", description = "stance is missing or the reason too long", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "validation", value = ApiExamples.VALIDATION)))
    @APIResponse(responseCode = "404", description = "No such case, or the caller is no member of this project", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "No date is proposed, or the case is closed", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "state-conflict", value = ApiExamples.STATE_CONFLICT)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public CaseApi.CaseDetail dateStance(@PathParam("id") String id, @PathParam("slug") String slug,
            CaseApi.DateStanceRequest body) {
        Case c = workflow.respondToDate(id, subject(), slug, body);
        return detail(c);
    }

    @PUT
    @Path("/{id}/disclosure")
    @Transactional
    @Operation(summary = "Propose the disclosure instant", description = "A date, an hour (the start of the day when absent) and a time zone (the lead project's policy zone, else UTC, when absent); agreed at once when the policy does not ask the reporter, and proposing the reporter's counter agrees to it.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "disclosure", value = ApiExamples.DISCLOSURE)))
    @APIResponse(responseCode = "200", description = "The case with the proposal", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.CASE_DETAIL)))
    @APIResponse(responseCode = "400", description = "The date is missing or past, or the zone unknown", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "invalid-date", value = ApiExamples.INVALID_DATE),
            @ExampleObject(name = "invalid-time-zone", value = ApiExamples.INVALID_TIME_ZONE) }))
    @APIResponse(responseCode = "403", description = "Only the lead project schedules disclosure", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "lead-only", value = ApiExamples.LEAD_ONLY)))
    @APIResponse(responseCode = "404", description = "No such case among the caller's projects (any other case answers the same)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The case is closed", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "state-conflict", value = ApiExamples.STATE_CONFLICT)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = ApiExamples.UNAUTHENTICATED)))
    public CaseApi.CaseDetail disclosure(@PathParam("id") String id, CaseApi.DisclosureRequest body) {
        var b = body == null ? new CaseApi.DisclosureRequest(null, null, null) : body;
        Case c = workflow.proposeDisclosure(id, subject(), b.date(), b.time(), b.timeZone());
        return detail(c);
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
