package dev.embargo.intake.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.embargo.events.SecurityPolicy;
import dev.embargo.intake.projects.Project;
import dev.embargo.intake.projects.Projects;
import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;

/** RFC 9116 security.txt per project, generated from its current policy with a freshly computed Expires. */
@Path("/api/v1/projects")
@Tag(name = "Policies")
public class SecurityTxtResource {

    static final String MEDIA_TYPE = "text/plain; charset=utf-8";

    private final Projects projects;
    private final Policies policies;
    private final PublicConfig config;
    private final Clock clock;

    SecurityTxtResource(Projects projects, Policies policies, PublicConfig config, Clock clock) {
        this.projects = projects;
        this.policies = policies;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Path("{slug}/security.txt")
    @Produces(MEDIA_TYPE)
    @Operation(summary = "The project's security.txt (RFC 9116)")
    @APIResponse(responseCode = "200", description = "security.txt", content = @Content(mediaType = MEDIA_TYPE, examples = @ExampleObject(name = "security.txt", value = """
            # Security contact of OpenPanel, hosted on Embargo
            Contact: http://localhost:8081/api/v1/projects/openpanel/reports
            Contact: mailto:security@openpanel.example
            Expires: 2026-11-01T10:00:00Z
            Policy: https://openpanel.example/security
            Acknowledgments: http://localhost:8084/api/v1/projects/openpanel/hall-of-fame
            Preferred-Languages: en
            Canonical: http://localhost:8081/api/v1/projects/openpanel/security.txt
            """)))
    @APIResponse(responseCode = "404", description = "No such project, or no policy yet", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = PolicyResource.NOT_FOUND_EXAMPLE)))
    public Response securityTxt(@PathParam("slug") String slug) {
        Project project = projects.bySlug(slug).orElseThrow(ProblemException::notFound);
        var published = policies.current(project).orElseThrow(ProblemException::notFound);
        return Response.ok(render(project, published.policy())).type(MEDIA_TYPE).build();
    }

    String render(Project project, SecurityPolicy policy) {
        String intake = trim(config.intakeBaseUrl());
        String projectBase = intake + "/api/v1/projects/" + project.slug();
        Set<String> contacts = new LinkedHashSet<>();
        for (SecurityPolicy.Channel channel : policy.channels()) {
            if (channel.address() == null && !"PLATFORM".equals(channel.kind())) {
                continue; // a channel the policy names without an address (e.g. "GitHub Security Advisories")
            }
            if (channel.address() != null && channel.address().chars().anyMatch(Character::isISOControl)) {
                // Refused at publication; a document stored before that check must not add lines either.
                continue;
            }
            switch (channel.kind()) {
            case "PLATFORM" -> contacts.add(projectBase + "/reports");
            case "EMAIL" -> contacts.add("mailto:" + channel.address());
            case "URL" -> contacts.add(channel.address());
            default -> {
            }
            }
        }
        if (contacts.isEmpty()) {
            // A policy that takes reports only elsewhere gets its policy page as contact, never the platform's form.
            contacts.add(SubmissionChannels.acceptsPlatformReports(policy) ? projectBase + "/reports"
                    : projectBase + "/policy");
        }
        // Expires must lie in the future and less than a year ahead; computing it per request keeps it fresh.
        Instant expires = clock.instant().plus(config.securityTxtLifetime()).truncatedTo(ChronoUnit.SECONDS);
        List<String> lines = new ArrayList<>();
        lines.add("# Security contact of " + oneLine(project.name()) + ", hosted on Embargo");
        contacts.forEach(c -> lines.add("Contact: " + c));
        lines.add("Expires: " + DateTimeFormatter.ISO_INSTANT.format(expires));
        lines.add("Policy: " + (policy.policyUrl() != null ? policy.policyUrl() : projectBase + "/policy"));
        lines.add("Acknowledgments: " + trim(config.creditsBaseUrl()) + "/api/v1/projects/" + project.slug()
                + "/hall-of-fame");
        List<String> languages = policy.preferredLanguages() == null || policy.preferredLanguages().isEmpty()
                ? List.of("en") : policy.preferredLanguages();
        lines.add("Preferred-Languages: " + String.join(", ", languages));
        lines.add("Canonical: " + projectBase + "/security.txt");
        return String.join("\n", lines) + "\n";
    }

    private static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\p{Cntrl}]", " ");
    }
}
