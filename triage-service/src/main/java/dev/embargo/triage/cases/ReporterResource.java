package dev.embargo.triage.cases;

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

import org.jboss.resteasy.reactive.ResponseStatus;

import dev.embargo.platform.problem.ProblemException;

/**
 * The reporter's API, authorised by the report token in the {@code X-Report-Token} header (never in a URL). A wrong or
 * missing token answers exactly like a case that does not exist.
 */
@Path("/api/v1/reporter/cases/{trackingId}")
public class ReporterResource {

    static final String TOKEN_HEADER = "X-Report-Token";

    private final CaseAccess access;
    private final CaseWorkflow workflow;
    private final Cases cases;
    private final Sealing sealing;
    private final Validator validator;

    ReporterResource(CaseAccess access, CaseWorkflow workflow, Cases cases, Sealing sealing, Validator validator) {
        this.access = access;
        this.workflow = workflow;
        this.cases = cases;
        this.sealing = sealing;
        this.validator = validator;
    }

    @GET
    @Transactional
    public CaseApi.ReporterCaseView status(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token, @jakarta.ws.rs.QueryParam("tz") String tz) {
        Case c = access.forReporter(trackingId, token);
        return view(c, tz == null ? null : DisclosureInstant.zone(tz, null));
    }

    /** The thread: messages meant for the reporter only, never internal notes. */
    @GET
    @Path("/messages")
    @Transactional
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
    public CaseApi.MessageView reply(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token, CaseApi.ReplyRequest body) {
        access.forReporter(trackingId, token);
        Message m = workflow.postAsReporter(trackingId, token, body == null ? null : body.text());
        return new CaseApi.MessageView(m.id(), m.postedAt(), m.authorKind(), m.visibility(), null, sealing.body(m));
    }

    @POST
    @Path("/disclosure/accept")
    @Transactional
    public CaseApi.ReporterCaseView acceptDisclosure(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token) {
        access.forReporter(trackingId, token);
        return view(workflow.reporterAcceptsDisclosure(trackingId, token));
    }

    @POST
    @Path("/disclosure/counter")
    @Transactional
    public CaseApi.ReporterCaseView counterDisclosure(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token, CaseApi.DisclosureRequest body) {
        access.forReporter(trackingId, token);
        var b = body == null ? new CaseApi.DisclosureRequest(null, null, null) : body;
        return view(workflow.reporterCountersDisclosure(trackingId, token, b.date(), b.time(), b.timeZone()));
    }

    @POST
    @Path("/fix-confirmation")
    @Transactional
    public CaseApi.ReporterCaseView confirmFix(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token) {
        access.forReporter(trackingId, token);
        workflow.confirmFix(trackingId, token);
        return view(access.forReporter(trackingId, token));
    }

    @PUT
    @Path("/credit")
    @Transactional
    public CaseApi.ReporterCaseView credit(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token, CaseApi.CreditRequest body) {
        access.forReporter(trackingId, token);
        if (body == null) {
            throw ProblemException.badRequest("validation", "visibility is required.");
        }
        // Validated after the token check, so a caller without the right token learns nothing but 404.
        var violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return view(workflow.changeCredit(trackingId, token, new dev.embargo.events.ReportContent.CreditPreference(
                body.visibility(), body.name(), body.handle(), body.link())));
    }

    @POST
    @Path("/withdrawal")
    @Transactional
    public CaseApi.ReporterCaseView withdraw(@PathParam("trackingId") String trackingId,
            @HeaderParam(TOKEN_HEADER) String token) {
        access.forReporter(trackingId, token);
        return view(workflow.withdraw(trackingId, token));
    }

    private CaseApi.ReporterCaseView view(Case c) {
        return view(c, null);
    }

    /**
     * @param reader
     *            the reporter's own zone, to show the disclosure instant in it
     */
    private CaseApi.ReporterCaseView view(Case c, java.time.ZoneId reader) {
        return new CaseApi.ReporterCaseView(c.trackingId(), c.state(), c.resolution(), c.severity(), c.submittedAt(),
                // The deadlines the reporter was promised are the reported project's; partners' clocks are internal.
                c.milestones().stream().filter(m -> m.projectId() == null || m.projectId().equals(c.projectId()))
                        .map(m -> CaseApi.view(c, m)).toList(),
                c.disclosureDate(), c.disclosureStatus(), sealing.content(c).credit(), CaseApi.disclosure(c, reader));
    }
}
