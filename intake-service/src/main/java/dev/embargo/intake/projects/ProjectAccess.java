package dev.embargo.intake.projects;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.embargo.intake.Refused;
import dev.embargo.intake.audit.AuditLog;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Decides, per request and from the database, what the caller may do with a project. Someone who is not a member sees
 * exactly what they would see for a project that does not exist: the same 404.
 */
@RequestScoped
public class ProjectAccess {

    public static final String PLATFORM_ADMIN = "platform-admin";

    private final Projects projects;
    private final Memberships memberships;
    private final SecurityIdentity identity;
    private final JsonWebToken jwt;

    ProjectAccess(Projects projects, Memberships memberships, SecurityIdentity identity, JsonWebToken jwt) {
        this.projects = projects;
        this.memberships = memberships;
        this.identity = identity;
        this.jwt = jwt;
    }

    /** The caller's OIDC subject; the caller is authenticated. */
    public String subject() {
        return jwt.getSubject();
    }

    public boolean isPlatformAdmin() {
        return !identity.isAnonymous() && identity.hasRole(PLATFORM_ADMIN);
    }

    /**
     * The caller as the audit log records them for an action on the project: with platform-admin powers unless they act
     * as one of its owners.
     */
    public AuditLog.Actor actor(Project project) {
        boolean owner = memberships.membership(project.id(), subject()).map(Membership::isOwner).orElse(false);
        return new AuditLog.Actor(subject(), isPlatformAdmin() && !owner);
    }

    /** The caller for a platform-wide action. */
    public AuditLog.Actor actor() {
        return new AuditLog.Actor(subject(), isPlatformAdmin());
    }

    /** A project the caller is a member of (or administers the platform); otherwise 404. */
    public Project asMember(String slug) {
        Project project = projects.bySlug(slug).orElseThrow(Refused::notFound);
        if (isPlatformAdmin() || memberships.membership(project.id(), subject()).isPresent()) {
            return project;
        }
        throw Refused.notFound();
    }

    /** A project the caller owns (or administers the platform); a maintainer gets 403, a stranger 404. */
    public Project asOwner(String slug) {
        Project project = asMember(slug);
        if (isPlatformAdmin()
                || memberships.membership(project.id(), subject()).map(Membership::isOwner).orElse(false)) {
            return project;
        }
        throw Refused.notAllowed("owner-required", "Only the project's owners may do this.");
    }
}
