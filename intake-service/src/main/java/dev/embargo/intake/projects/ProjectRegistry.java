package dev.embargo.intake.projects;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.embargo.events.ProjectMembershipChanged;
import dev.embargo.events.ProjectMembershipChanged.Change;
import dev.embargo.events.ProjectMembershipChanged.Role;
import dev.embargo.events.ProjectRegistered;
import dev.embargo.intake.Refused;
import dev.embargo.intake.audit.AuditLog;
import dev.embargo.platform.outbox.Outbox;
import io.quarkus.logging.Log;

/** Registers projects and changes memberships, each change with its event in the same transaction. */
@ApplicationScoped
public class ProjectRegistry {

    /** Someone to make a member, with the address they want platform mail at (optional). */
    public record Member(String subject, String email) {
    }

    private final Projects projects;
    private final Memberships memberships;
    private final TrackingIds trackingIds;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    ProjectRegistry(Projects projects, Memberships memberships, TrackingIds trackingIds, Outbox outbox, AuditLog audit,
            Clock clock) {
        this.projects = projects;
        this.memberships = memberships;
        this.trackingIds = trackingIds;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** Registers a project for the platform itself (the demo projects); see the actor's variant. */
    @Transactional
    public Project register(String slug, String name, String homepage, List<Member> owners) {
        return register(slug, name, homepage, owners, null);
    }

    /** Registers a project and names its owners; a platform admin may not name themselves. */
    @Transactional
    public Project register(String slug, String name, String homepage, List<Member> owners, AuditLog.Actor actor) {
        for (Member owner : owners) {
            refuseSelfAppointment(actor, owner.subject());
        }
        if (projects.bySlug(slug).isPresent()) {
            throw Refused.conflict("slug-taken", "A project with this slug already exists.");
        }
        var project = new Project(slug, name, homepage, clock.instant());
        projects.add(project);
        trackingIds.create(project);
        outbox.append(new ProjectRegistered(project.id().toString(), slug, name, homepage, project.registeredAt()));
        audit.record(actor, project.id(), slug, AuditLog.Action.PROJECT_REGISTERED, null, null);
        for (Member owner : owners) {
            setMember(project, owner.subject(), Role.OWNER, owner.email(), actor);
        }
        Log.infof("project %s registered", slug);
        return project;
    }

    /** A membership the platform itself sets (the demo projects). */
    @Transactional
    public Membership setMember(Project project, String subject, Role role, String email) {
        return setMember(project, subject, role, email, null);
    }

    /**
     * Adds a member or changes their role or email; emits an event and an audit entry when something changed. A
     * platform admin cannot make themselves a member: that would open every report of the project to them.
     */
    @Transactional
    public Membership setMember(Project project, String subject, Role role, String email, AuditLog.Actor actor) {
        refuseSelfAppointment(actor, subject);
        Optional<Membership> existing = memberships.membership(project.id(), subject);
        if (existing.isEmpty()) {
            var membership = new Membership(project.id(), subject, role, email, clock.instant());
            memberships.add(membership);
            emit(project, membership, Change.ADDED, actor);
            return membership;
        }
        Membership membership = existing.get();
        String emailBefore = membership.email();
        boolean roleChanged = membership.update(role, email, () -> anotherOwner(project, subject));
        if (roleChanged || (email != null && !email.equals(emailBefore))) {
            emit(project, membership, Change.ROLE_CHANGED, actor);
        }
        return membership;
    }

    @Transactional
    public void removeMember(Project project, String subject, AuditLog.Actor actor) {
        Membership membership = memberships.membership(project.id(), subject).orElseThrow(Refused::notFound);
        membership.end(() -> anotherOwner(project, subject));
        memberships.remove(membership);
        emit(project, membership, Change.REMOVED, actor);
    }

    private static void refuseSelfAppointment(AuditLog.Actor actor, String subject) {
        if (actor != null && actor.platformAdmin() && actor.subject().equals(subject)) {
            throw Refused.notAllowed("self-appointment",
                    "A platform admin cannot make or change their own membership of a project.");
        }
    }

    private boolean anotherOwner(Project project, String subject) {
        return memberships.members(project.id()).stream().anyMatch(m -> m.isOwner() && !m.subject().equals(subject));
    }

    private void emit(Project project, Membership membership, Change change, AuditLog.Actor actor) {
        boolean byAdmin = actor != null && actor.platformAdmin();
        outbox.append(new ProjectMembershipChanged(project.id().toString(), project.slug(), membership.subject(),
                membership.email(), membership.role(), change, clock.instant(), actor == null ? null : actor.subject(),
                byAdmin));
        AuditLog.Action action = switch (change) {
        case ADDED -> AuditLog.Action.MEMBER_ADDED;
        case ROLE_CHANGED -> AuditLog.Action.MEMBER_ROLE_CHANGED;
        case REMOVED -> AuditLog.Action.MEMBER_REMOVED;
        };
        audit.record(actor, project.id(), project.slug(), action, membership.subject(), membership.role().name());
    }
}
