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
            {"name":"OpenPanel","policyUrl":"https://openpanel.example/security","reportFields":{"component":"REQUIRED","versionTested":"REQUIRED","description":"REQUIRED","impact":"REQUIRED","stepsToReproduce":"REQUIRED","proofOfConcept":"OPTIONAL","suggestedFix":"OPTIONAL"},"componentsInScope":["api","dashboard","worker","sdk"],"inScope":[],"outOfScope":[{"id":"self-xss","description":"Self-XSS","terms":["self-xss","self xss"],"unlessDemonstratedImpact":true}],"versions":{"latestRelease":"2.4.0","supported":[{"range":"latest","level":"SUPPORTED"},{"range":"*","level":"UNSUPPORTED"}],"reproduceOnLatest":true,"unsupportedVersions":"FLAG"},"sla":{"timeZone":"UTC","workingDays":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"holidays":[],"acknowledge":{"amount":3,"unit":"BUSINESS_DAYS"},"assess":{"amount":7,"unit":"DAYS"},"fix":null,"needsInfoSilenceDays":30,"warningFraction":0.75},"disclosure":{"deadlineDays":90,"headsUpDays":7,"agreeWithReporter":true},"credit":{"offered":true,"requiresPermission":true,"anonymityOnRequest":true},"safeHarbor":"We treat good-faith research as authorized.","channels":[{"kind":"PLATFORM","address":null,"note":null},{"kind":"EMAIL","address":"security@openpanel.example","note":null}],"preferredLanguages":["en"],"lowSeverityToPublicTracker":false,"publicTrackerUrl":null,"lowEffort":{"minDescriptionLength":0,"proofOfConceptRequired":false,"patchRequired":false,"banThreshold":0},"notifications":{"includeDetailsInEmail":false}}""";
    static final String NOT_FOUND_EXAMPLE = """
            {"type":"urn:embargo:problem:not-found","title":"Not found","status":404,"detail":"No such resource, or you may not see it."}""";

    private final Projects projects;
    private final Policies policies;
    private final PolicyDocuments documents;
    private final ProjectAccess access;

    PolicyResource(Projects projects, Policies policies, PolicyDocuments documents, ProjectAccess access) {
        this.projects = projects;
        this.policies = policies;
        this.documents = documents;
        this.access = access;
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
