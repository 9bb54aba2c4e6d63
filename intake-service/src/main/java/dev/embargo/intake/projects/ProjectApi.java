package dev.embargo.intake.projects;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.embargo.events.ProjectMembershipChanged.Role;

/** Request and response bodies of the project and membership API. */
final class ProjectApi {

    static final String SLUG = "^[a-z0-9][a-z0-9-]{1,62}$";
    static final String SUBJECT = "^[A-Za-z0-9._@:|+-]{1,200}$";

    private ProjectApi() {
    }

    record NewMember(@NotBlank @Pattern(regexp = SUBJECT) String subject, @Email @Size(max = 320) String email) {
    }

    record RegisterProject(@NotNull @Pattern(regexp = SLUG) String slug, @NotBlank @Size(max = 200) String name,
            @Size(max = 500) @Pattern(regexp = "^https?://[^\\s]+$") String homepage,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull NewMember> owners) {
    }

    record SetMember(@NotNull Role role, @Email @Size(max = 320) String email) {
    }

    record ProjectView(String slug, String name, String homepage, Instant registeredAt, Integer policyVersion,
            String policy, String securityTxt, String reports) {
        static ProjectView of(Project p) {
            String base = "/api/v1/projects/" + p.slug();
            return new ProjectView(p.slug(), p.name(), p.homepage(), p.registeredAt(),
                    p.currentPolicyVersion().orElse(null), base + "/policy", base + "/security.txt", base + "/reports");
        }
    }

    /** One of the caller's projects and their role in it. */
    record MyProjectView(String slug, String name, Role role, Integer policyVersion) {
    }

    record MemberView(String subject, Role role, String email, Instant since) {
        static MemberView of(Membership m) {
            return new MemberView(m.subject(), m.role(), m.email(), m.since());
        }
    }
}
