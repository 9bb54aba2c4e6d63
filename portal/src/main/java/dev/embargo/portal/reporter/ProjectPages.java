package dev.embargo.portal.reporter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
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

import dev.embargo.portal.cases.Cvss31;
import dev.embargo.portal.services.IntakeApi;
import dev.embargo.portal.services.Json;
import dev.embargo.portal.services.PublicIntakeApi;
import dev.embargo.portal.web.Problem;
import dev.embargo.portal.web.Viewer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * The public project pages: the directory, a project's policy written for people with the report form built from that
 * policy, and the page after submitting, which shows the report token once. A signed-in reporter's report is sent with
 * their own token, so it is theirs under "my reports".
 */
@Path("/p")
public class ProjectPages {

    private final PublicIntakeApi intake;
    private final IntakeApi signedIn;
    private final Viewer viewer;
    private final Template directory;
    private final Template project;
    private final Template submitted;

    ProjectPages(@RestClient PublicIntakeApi intake, @RestClient IntakeApi signedIn, Viewer viewer,
            @Location("reporter/directory.html") Template directory,
            @Location("reporter/project.html") Template project,
            @Location("reporter/submitted.html") Template submitted) {
        this.intake = intake;
        this.signedIn = signedIn;
        this.viewer = viewer;
        this.directory = directory;
        this.project = project;
        this.submitted = submitted;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance directory() {
        return directory.data("projects", intake.directory());
    }

    @GET
    @Path("/{slug}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance project(@PathParam("slug") String slug) {
        return page(slug, ReportForm.empty());
    }

    @POST
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response submit(@PathParam("slug") String slug, MultivaluedMap<String, String> form) {
        ReportForm report = ReportForm.of(form);
        Json answer;
        try {
            answer = viewer.signedIn() ? signedIn.submit(slug, viewer.clientAddress(), report.body())
                    : intake.submit(slug, viewer.clientAddress(), report.body());
        } catch (WebApplicationException e) {
            Problem p = Problem.of(e);
            if (p.status() == 404) {
                throw new NotFoundException();
            }
            int status = p.status() == 429 || p.status() == 403 || p.status() == 409 ? p.status() : 422;
            return Response.status(status).entity(page(slug, report.refusedWith(p))).build();
        }
        return Response.ok(submitted.data("project", intake.project(slug)).data("report", answer)).build();
    }

    /** A small text receipt: tracking id, project, time and token, for the reporter to keep. */
    @POST
    @Path("/{slug}/receipt")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public Response receipt(@PathParam("slug") String slug, @FormParam("trackingId") String trackingId,
            @FormParam("token") String token, @FormParam("submittedAt") String submittedAt) {
        if (trackingId == null || !trackingId.matches("[A-Za-z0-9-]{1,40}") || token == null
                || !token.matches("[A-Za-z0-9_-]{20,100}") || !slug.matches("[a-z0-9-]{1,64}")) {
            throw new NotFoundException();
        }
        String when = submittedAt != null && submittedAt.matches("[0-9TZ:.\\-]{10,40}") ? submittedAt : "";
        String text = "Embargo vulnerability report receipt\n\nProject:      " + slug + "\nTracking id:  " + trackingId
                + "\nSubmitted at: " + when + "\nReport token: " + token
                + "\n\nKeep this file private: the token opens the report's status page, and it cannot be shown"
                + " again.\n";
        return Response.ok(text)
                .header("Content-Disposition", "attachment; filename=\"" + trackingId + "-receipt.txt\"").build();
    }

    private TemplateInstance page(String slug, ReportForm form) {
        if (slug == null || !slug.matches("[a-z0-9-]{1,64}")) {
            throw new NotFoundException();
        }
        Json p = intake.project(slug);
        Json policy = intake.policy(slug);
        String policyText = intake.policyText(slug);
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = (Map<String, Object>) policy.getOrDefault("policy", Map.of());
        return project.data("project", p).data("policy", rules).data("policyText", policyText).data("form", form)
                .data("req", required(rules)).data("extras", extras(rules)).data("no", false)
                .data("metrics", Cvss31.METRICS).data("chosen", Cvss31.parse(form.value("cvssVector")))
                .data("visibilities", List.of("PUBLIC", "ANONYMOUS", "NONE"));
    }

    /** Which of the form's fields the policy requires (the gate checks it again; this only marks them). */
    @SuppressWarnings("unchecked")
    static Map<String, Boolean> required(Map<String, Object> policy) {
        Map<String, Boolean> req = new HashMap<>();
        req.put("title", true);
        Map<String, Object> fields = (Map<String, Object>) policy.getOrDefault("reportFields", Map.of());
        for (String f : List.of("component", "versionTested", "description", "impact", "stepsToReproduce",
                "proofOfConcept", "suggestedFix")) {
            req.put(f, "REQUIRED".equals(fields == null ? null : fields.get(f)));
        }
        Map<String, Object> lowEffort = (Map<String, Object>) policy.get("lowEffort");
        if (lowEffort != null) {
            req.merge("proofOfConcept", Boolean.TRUE.equals(lowEffort.get("proofOfConceptRequired")),
                    Boolean::logicalOr);
            req.merge("suggestedFix", Boolean.TRUE.equals(lowEffort.get("patchRequired")), Boolean::logicalOr);
        }
        return req;
    }

    /** The policy's own extra fields, as the form shows them. */
    @SuppressWarnings("unchecked")
    static List<Json> extras(Map<String, Object> policy) {
        List<Map<String, Object>> extra = (List<Map<String, Object>>) policy.get("extraFields");
        if (extra == null) {
            return List.of();
        }
        return extra.stream().map(x -> Json.of("name", "extra." + x.get("id"), "label", x.get("label"), "required",
                "REQUIRED".equals(x.get("requirement")))).toList();
    }
}
