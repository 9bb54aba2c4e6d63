package dev.embargo.triage.cases;

import java.time.ZoneId;
import java.util.List;

import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.embargo.events.ReportContent;
import dev.embargo.platform.problem.Problem;

/**
 * The reporter's API, authorised by the report token in the {@code X-Report-Token} header (never in a URL). A wrong or
 * missing token answers exactly like a case that does not exist.
 */
@Path("/api/v1/reporter/cases/{trackingId}")
@Tag(name = "Reporter", description = "A reporter follows their case with the report token intake issued at submission")
public class ReporterResource {

    static final String TOKEN_HEADER = "X-Report-Token";

    private final CaseAccess access;
    private final ReporterSteps steps;
    private final Cases cases;
    private final Sealing sealing;
    private final Validator validator;

    ReporterResource(CaseAccess access, ReporterSteps steps, Cases cases, Sealing sealing, Validator validator) {
        this.access = access;
        this.steps = steps;
        this.cases = cases;
        this.sealing = sealing;
        this.validator = validator;
    }

    @GET
    @Transactional
    @Operation(summary = "The reporter's view of their case", description = "State, severity once rated, the deadlines the reported project's policy promised, the proposed or agreed disclosure instant and the credit preference. With tz (an IANA zone) the disclosure instant is also given in the reader's local time.")
    @APIResponse(responseCode = "200", description = "The case as its reporter sees it", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.REPORTER_CASE)))
    @APIResponse(responseCode = "404", description = "No case with this tracking id, or the token is wrong or missing (indistinguishable on purpose)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "400", description = "tz is not an IANA time zone", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid-time-zone", value = ApiExamples.INVALID_TIME_ZONE)))
    @APIResponse(responseCode = "429", description = "Too many requests or failed token checks from this client; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "rate-limited", value = ApiExamples.RATE_LIMITED)))
    public CaseApi.ReporterCaseView status(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token, @QueryParam("tz") String tz) {
        Case c = access.forReporter(trackingId, token);
        return view(c, tz == null ? null : DisclosureInstant.zone(tz, null));
    }

    /** The thread: messages meant for the reporter only, never internal notes. */
    @GET
    @Path("/messages")
    @Transactional
    @Operation(summary = "The reporter's thread", description = "The messages between the maintainers and the reporter, oldest first; internal notes of the projects never appear.")
    @APIResponse(responseCode = "200", description = "The thread", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "thread", value = ApiExamples.THREAD)))
    @APIResponse(responseCode = "404", description = "No case with this tracking id, or the token is wrong or missing (indistinguishable on purpose)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "429", description = "Too many requests or failed token checks from this client; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "rate-limited", value = ApiExamples.RATE_LIMITED)))
    public List<CaseApi.MessageView> thread(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token) {
        Case c = access.forReporter(trackingId, token);
        return cases.messages(c.id()).stream().filter(m -> m.visibility() == Message.Visibility.REPORTER)
                .map(m -> new CaseApi.MessageView(m.id(), m.postedAt(), m.authorKind(), m.visibility(), null,
                        sealing.body(m)))
                .toList();
    }

    @POST
    @Path("/messages")
    @Transactional
    @ResponseStatus(201)
    @Operation(summary = "Reply in the thread", description = "A reply while the case is open; a reply to a request for information resumes the SLA clocks.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "reply", value = ApiExamples.REPLY)))
    @APIResponse(responseCode = "201", description = "The reply as posted", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "message", value = ApiExamples.MESSAGE)))
    @APIResponse(responseCode = "400", description = "The text is blank or longer than 20000 characters", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "validation", value = ApiExamples.VALIDATION)))
    @APIResponse(responseCode = "404", description = "No case with this tracking id, or the token is wrong or missing (indistinguishable on purpose)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The case is closed or published", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "illegal-transition", value = ApiExamples.ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "429", description = "Too many requests or failed token checks from this client; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "rate-limited", value = ApiExamples.RATE_LIMITED)))
    public CaseApi.MessageView reply(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token, CaseApi.ReplyRequest body) {
        Case c = access.forReporter(trackingId, token);
        // Validated after the token check, so a caller without the right token learns nothing but 404.
        validate(body == null ? new CaseApi.ReplyRequest(null) : body);
        Message m = steps.postAsReporter(c, body.text());
        return new CaseApi.MessageView(m.id(), m.postedAt(), m.authorKind(), m.visibility(), null, sealing.body(m));
    }

    @POST
    @Path("/disclosure/accept")
    @Transactional
    @Operation(summary = "Agree to the proposed disclosure instant", description = "Agrees to the instant the maintainers proposed; the heads-up notice and the publication then follow the agreed instant.")
    @APIResponse(responseCode = "200", description = "The case with the disclosure agreed", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.REPORTER_CASE)))
    @APIResponse(responseCode = "404", description = "No case with this tracking id, or the token is wrong or missing (indistinguishable on purpose)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "No date is proposed, or the case is no longer open", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "illegal-transition", value = ApiExamples.ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "429", description = "Too many requests or failed token checks from this client; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "rate-limited", value = ApiExamples.RATE_LIMITED)))
    public CaseApi.ReporterCaseView acceptDisclosure(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token) {
        return view(steps.reporterAcceptsDisclosure(trackingId, token));
    }

    @POST
    @Path("/disclosure/counter")
    @Transactional
    @Operation(summary = "Propose another disclosure instant", description = "Counters the maintainers' proposal with a date, an hour (the start of the day when absent) and a time zone (the project's policy zone, else UTC, when absent).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "counter", value = ApiExamples.COUNTER)))
    @APIResponse(responseCode = "200", description = "The case with the reporter's counter-proposal", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.REPORTER_CASE)))
    @APIResponse(responseCode = "400", description = "The date is missing or in the past", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid-date", value = ApiExamples.INVALID_DATE)))
    @APIResponse(responseCode = "404", description = "No case with this tracking id, or the token is wrong or missing (indistinguishable on purpose)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "No date is proposed, or the case is no longer open", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "illegal-transition", value = ApiExamples.ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "429", description = "Too many requests or failed token checks from this client; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "rate-limited", value = ApiExamples.RATE_LIMITED)))
    public CaseApi.ReporterCaseView counterDisclosure(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token, CaseApi.DisclosureRequest body) {
        var b = body == null ? new CaseApi.DisclosureRequest(null, null, null) : body;
        return view(steps.reporterCountersDisclosure(trackingId, token, b.date(), b.time(), b.timeZone()));
    }

    @POST
    @Path("/fix-confirmation")
    @Transactional
    @Operation(summary = "Confirm that the fix works", description = "Recorded in the thread while a fix is under way or done; it changes no state.")
    @APIResponse(responseCode = "200", description = "The case; the confirmation is in the thread", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.REPORTER_CASE)))
    @APIResponse(responseCode = "404", description = "No case with this tracking id, or the token is wrong or missing (indistinguishable on purpose)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "No fix is under way or done", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "illegal-transition", value = ApiExamples.ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "429", description = "Too many requests or failed token checks from this client; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "rate-limited", value = ApiExamples.RATE_LIMITED)))
    public CaseApi.ReporterCaseView confirmFix(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token) {
        return view(steps.confirmFix(trackingId, token));
    }

    @PUT
    @Path("/credit")
    @Transactional
    @Operation(summary = "Change how the reporter is credited", description = "Public with a name, anonymous, or not at all; names and handles are single lines, links http(s). Possible until the advisory is published.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "credit", value = ApiExamples.CREDIT)))
    @APIResponse(responseCode = "200", description = "The case with the new credit preference", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.REPORTER_CASE)))
    @APIResponse(responseCode = "400", description = "A field is missing or malformed", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "validation", value = ApiExamples.VALIDATION)))
    @APIResponse(responseCode = "404", description = "No case with this tracking id, or the token is wrong or missing (indistinguishable on purpose)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The case is published: its credits are out", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "illegal-transition", value = ApiExamples.ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "429", description = "Too many requests or failed token checks from this client; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "rate-limited", value = ApiExamples.RATE_LIMITED)))
    public CaseApi.ReporterCaseView credit(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token, CaseApi.CreditRequest body) {
        // Validated after the token check, so a caller without the right token learns nothing but 404.
        Case c = access.forReporter(trackingId, token);
        if (body == null) {
            throw CaseRefusal.of(CaseRefusal.Kind.INVALID, "visibility is required.");
        }
        validate(body);
        return view(steps.changeCredit(c,
                new ReportContent.CreditPreference(body.visibility(), body.name(), body.handle(), body.link())));
    }

    @POST
    @Path("/withdrawal")
    @Transactional
    @Operation(summary = "Withdraw the report", description = "Closes an open case as WITHDRAWN; every SLA clock stops.")
    @APIResponse(responseCode = "200", description = "The withdrawn case", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "case", value = ApiExamples.REPORTER_CASE)))
    @APIResponse(responseCode = "404", description = "No case with this tracking id, or the token is wrong or missing (indistinguishable on purpose)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The case is no longer open", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "illegal-transition", value = ApiExamples.ILLEGAL_TRANSITION)))
    @APIResponse(responseCode = "429", description = "Too many requests or failed token checks from this client; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "rate-limited", value = ApiExamples.RATE_LIMITED)))
    public CaseApi.ReporterCaseView withdraw(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token) {
        return view(steps.withdraw(trackingId, token));
    }

    private void validate(Object body) {
        var violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    private CaseApi.ReporterCaseView view(Case c) {
        return view(c, null);
    }

    /**
     * @param reader
     *            the reporter's own zone, to show the disclosure instant in it
     */
    private CaseApi.ReporterCaseView view(Case c, ZoneId reader) {
        return new CaseApi.ReporterCaseView(c.trackingId(), c.state(), c.resolution(), c.severity(), c.submittedAt(),
                // The deadlines the reporter was promised are the reported project's; partners' clocks are internal.
                c.milestones().stream().filter(m -> m.projectId() == null || m.projectId().equals(c.projectId()))
                        .map(m -> CaseApi.view(c, m)).toList(),
                c.disclosureDate(), c.disclosureStatus(), sealing.content(c).credit(), CaseApi.disclosure(c, reader));
    }
}
