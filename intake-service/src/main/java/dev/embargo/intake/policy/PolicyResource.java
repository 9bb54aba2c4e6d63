package dev.embargo.intake.policy;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.embargo.events.SecurityPolicy;
import dev.embargo.intake.projects.Project;
import dev.embargo.intake.projects.ProjectAccess;
import dev.embargo.intake.projects.Projects;
import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;

/** A project's security policy: public reading, owner publishing, version history for members. */
@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policies")
public class PolicyResource {

    /** A published policy version as the API shows it. */
    record PolicyView(String slug, int version, Instant publishedAt, SecurityPolicy policy) {
    }

    /** A version in the history, for members. */
    record VersionView(int version, Instant publishedAt, String publishedBy) {
    }

    static final String POLICY_EXAMPLE = """
            {"name":"OpenPanel","reportFields":{"component":"OPTIONAL","versionTested":"OPTIONAL","description":"OPTIONAL","impact":"OPTIONAL","stepsToReproduce":"OPTIONAL","proofOfConcept":"OPTIONAL","suggestedFix":"OPTIONAL"},"extraFields":[{"id":"fileOrEndpoint","label":"the file or endpoint involved","requirement":"OPTIONAL"}],"componentsInScope":["API","dashboard","worker","SDK","openpanel.dev","dashboard.openpanel.dev","api.openpanel.dev"],"versions":{"supported":[{"range":"latest","level":"SUPPORTED"},{"range":"main","level":"SUPPORTED"},{"range":"*","level":"UNSUPPORTED"}],"reproduceOnLatest":true,"unsupportedVersions":"FLAG","statement":"Security fixes land on the latest release. Before reporting an issue on a self-hosted instance, please confirm it reproduces on the latest version."},"sla":{"acknowledge":{"amount":3,"unit":"BUSINESS_DAYS"},"assess":{"amount":7,"unit":"DAYS"},"fix":{"critical":null,"high":null,"medium":null,"low":null,"statement":"When the fix ships, we'll let you know so you can confirm it."},"statement":"We aim to confirm the issue and send an assessment within 7 days, then keep you posted while we work on a fix."},"disclosure":{"agreeWithReporter":true,"publishOnDeadline":false,"statement":"Please give us a reasonable chance to release a fix and notify self-hosters before any public write-up. If you plan to publish, a short heads-up on timing lets us make sure the patch is live for everyone first. We're happy to agree on a disclosure date with you."},"credit":{"offered":true,"requiresPermission":true,"anonymityOnRequest":false,"statement":"We publicly thank researchers who report valid vulnerabilities, with their permission. If you'd like to be listed, tell us in your report how you want to be credited."},"safeHarbor":"We treat security research done in good faith under this policy as authorized, and we won't pursue legal action over accidental, good-faith violations.","channels":[{"kind":"PLATFORM","address":null,"note":null},{"kind":"EMAIL","address":"security@openpanel.dev","note":null},{"kind":"URL","address":"https://github.com/Openpanel-dev/openpanel/security/advisories/new","note":"(\\"Report a vulnerability\\")"}],"reporting":{"onlyListedChannels":false,"publicIssues":"Please don't report security issues through public GitHub issues, pull requests, or our Discord."},"outOfScope":[{"id":"self-xss","description":"self-XSS","terms":["self-xss","self xss","self-cross-site scripting"],"unlessDemonstratedImpact":true}]}""";
    static final String NOT_FOUND_EXAMPLE = """
            {"type":"urn:embargo:problem:not-found","title":"Not found","status":404,"detail":"No such resource, or you may not see it."}""";

    private final Projects projects;
    private final Policies policies;
    private final PolicyDocuments documents;
    private final ProjectAccess access;
    private final PublicConfig config;

    PolicyResource(Projects projects, Policies policies, PolicyDocuments documents, ProjectAccess access,
            PublicConfig config) {
        this.projects = projects;
        this.policies = policies;
        this.documents = documents;
        this.access = access;
        this.config = config;
    }

    static final String MARKDOWN = "text/markdown";

    @GET
    @Path("{slug}/policy")
    @Produces(MARKDOWN + ";charset=utf-8")
    @Operation(summary = "The project's current security policy for people, as Markdown (public)")
    @APIResponse(responseCode = "200", description = "Generated from the policy document", content = @Content(mediaType = MARKDOWN, examples = @ExampleObject(name = "markdown", value = "# Security policy of OpenPanel\n\nVersion 3 of this project's security policy, as published on Embargo.\n")))
    public Response markdown(@PathParam("slug") String slug) {
        Project project = projects.bySlug(slug).orElseThrow(ProblemException::notFound);
        var published = policies.current(project).orElseThrow(ProblemException::notFound);
        return Response.ok(PolicyPage.markdown(project.name(), page(project, published)))
                .type(MARKDOWN + ";charset=utf-8").build();
    }

    @GET
    @Path("{slug}/policy.md")
    @Produces(MARKDOWN + ";charset=utf-8")
    @Operation(summary = "The same Markdown under a file name a SECURITY.md can link to (public)")
    @APIResponse(responseCode = "200", description = "Generated from the policy document", content = @Content(mediaType = MARKDOWN, examples = @ExampleObject(name = "markdown", value = "# Security policy of OpenPanel\n")))
    public Response markdownFile(@PathParam("slug") String slug) {
        return markdown(slug);
    }

    @GET
    @Path("{slug}/policy")
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    @Operation(summary = "The project's current security policy for people, as an HTML page (public)")
    @APIResponse(responseCode = "200", description = "Generated from the policy document", content = @Content(mediaType = MediaType.TEXT_HTML, examples = @ExampleObject(name = "html", value = "<!DOCTYPE html><html lang=\"en\"><head><title>Security policy of OpenPanel</title></head><body><h1>Security policy of OpenPanel</h1></body></html>")))
    public Response html(@PathParam("slug") String slug) {
        Project project = projects.bySlug(slug).orElseThrow(ProblemException::notFound);
        var published = policies.current(project).orElseThrow(ProblemException::notFound);
        return Response.ok(PolicyPage.html(project.name(), page(project, published)))
                .type(MediaType.TEXT_HTML + ";charset=utf-8").build();
    }

    private List<PolicyPage.Section> page(Project project, Policies.Published published) {
        String intake = trim(config.intakeBaseUrl()) + "/api/v1/projects/" + project.slug();
        var links = new PolicyPage.Links(intake + "/policy", intake + "/security.txt",
                SubmissionChannels.acceptsPlatformReports(published.policy()) ? intake + "/reports" : null,
                trim(config.creditsBaseUrl()) + "/api/v1/projects/" + project.slug() + "/hall-of-fame");
        return PolicyPage.sections(published.policy(), published.version(), links);
    }

    private static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @GET
    @Path("{slug}/policy")
    @Operation(summary = "The project's current security policy (public)")
    @APIResponse(responseCode = "200", description = "Current version", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "policy", value = "{\"slug\":\"openpanel\",\"version\":3,\"publishedAt\":\"2026-05-01T10:00:00Z\",\"policy\":"
            + POLICY_EXAMPLE + "}")))
    @APIResponse(responseCode = "404", description = "No such project, or no policy yet", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = NOT_FOUND_EXAMPLE)))
    public PolicyView current(@PathParam("slug") String slug) {
        Project project = projects.bySlug(slug).orElseThrow(ProblemException::notFound);
        var published = policies.current(project).orElseThrow(ProblemException::notFound);
        return new PolicyView(slug, published.version(), published.publishedAt(), published.policy());
    }

    @PUT
    @Path("{slug}/policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Publish a new policy version (owners); every publish is a new immutable version")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "policy", value = POLICY_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Published", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "published", value = "{\"slug\":\"openpanel\",\"version\":4,\"publishedAt\":\"2026-05-02T10:00:00Z\",\"policy\":"
            + POLICY_EXAMPLE + "}")))
    @APIResponse(responseCode = "422", description = "Not a valid policy", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid-policy", value = """
            {"type":"urn:embargo:problem:invalid-policy","title":"Invalid policy","status":422,"detail":"The policy document does not satisfy the policy schema.","violations":[{"location":"$.sla.acknowledge","rule":"required","message":"missing required member acknowledge"}]}""")))
    @APIResponse(responseCode = "404", description = "No such project, or not a member", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = NOT_FOUND_EXAMPLE)))
    public Response publish(@PathParam("slug") String slug, @NotNull JsonNode document) {
        Project project = access.asOwner(slug);
        SecurityPolicy policy = documents.parse(document);
        var published = policies.publish(project.slug(), policy, access.actor(project));
        return Response.status(201)
                .entity(new PolicyView(slug, published.version(), published.publishedAt(), published.policy())).build();
    }

    @GET
    @Path("{slug}/policy/versions")
    @Authenticated
    @Operation(summary = "Every published version of the policy (members)")
    @APIResponse(responseCode = "200", description = "Newest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "versions", value = """
            [{"version":2,"publishedAt":"2026-05-02T10:00:00Z","publishedBy":"3b9d7c1e"},{"version":1,"publishedAt":"2026-05-01T10:00:00Z","publishedBy":"3b9d7c1e"}]""")))
    @APIResponse(responseCode = "404", description = "No such project, or not a member", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = NOT_FOUND_EXAMPLE)))
    public List<VersionView> versions(@PathParam("slug") String slug) {
        Project project = access.asMember(slug);
        return policies.history(project.id()).stream()
                .map(p -> new VersionView(p.version(), p.publishedAt(), p.publishedBy())).toList();
    }

    @GET
    @Path("{slug}/policy/versions/{version}")
    @Authenticated
    @Operation(summary = "One published version of the policy (members)")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "policy", value = "{\"slug\":\"openpanel\",\"version\":1,\"publishedAt\":\"2026-05-01T10:00:00Z\",\"policy\":"
            + POLICY_EXAMPLE + "}")))
    @APIResponse(responseCode = "404", description = "No such project or version, or not a member", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = NOT_FOUND_EXAMPLE)))
    public PolicyView version(@PathParam("slug") String slug, @PathParam("version") int version) {
        Project project = access.asMember(slug);
        var published = policies.version(project.id(), version).orElseThrow(ProblemException::notFound);
        return new PolicyView(slug, published.version(), published.publishedAt(), published.policy());
    }
}
