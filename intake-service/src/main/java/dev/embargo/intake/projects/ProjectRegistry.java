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
import dev.embargo.platform.outbox.Outbox;
import dev.embargo.platform.problem.ProblemException;
import io.quarkus.logging.Log;

/** Registers projects and changes memberships, each change with its event in the same transaction. */
@ApplicationScoped
public class ProjectRegistry {

    /** Someone to make a member, with the address they want platform mail at (optional). */
    public record Member(String subject, String email) {
    }

    private final Projects projects;
    private final TrackingIds trackingIds;
    private final Outbox outbox;
    private final Clock clock;

    ProjectRegistry(Projects projects, TrackingIds trackingIds, Outbox outbox, Clock clock) {
        this.projects = projects;
        this.trackingIds = trackingIds;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Project register(String slug, String name, String homepage, List<Member> owners) {
        if (projects.bySlug(slug).isPresent()) {
            throw ProblemException.conflict("slug-taken", "A project with this slug already exists.");
        }
        var project = new Project(slug, name, homepage, clock.instant());
        projects.add(project);
        trackingIds.create(project);
        outbox.append(new ProjectRegistered(project.id().toString(), slug, name, homepage, project.registeredAt()));
        for (Member owner : owners) {
            setMember(project, owner.subject(), Role.OWNER, owner.email());
        }
        Log.infof("project %s registered", slug);
        return project;
    }

    /** Adds a member or changes their role or email; emits an event when something changed. */
    @Transactional
    public Membership setMember(Project project, String subject, Role role, String email) {
        Optional<Membership> existing = projects.membership(project.id(), subject);
        if (existing.isEmpty()) {
            var membership = new Membership(project.id(), subject, role, email, clock.instant());
            projects.add(membership);
            emit(project, membership, Change.ADDED);
            return membership;
        }
        Membership membership = existing.get();
        if (membership.isOwner() && role != Role.OWNER) {
            requireAnotherOwner(project, subject);
        }
        String emailBefore = membership.email();
        boolean roleChanged = membership.update(role, email);
        if (roleChanged || (email != null && !email.equals(emailBefore))) {
            emit(project, membership, Change.ROLE_CHANGED);
        }
        return membership;
    }

    @Transactional
    public void removeMember(Project project, String subject) {
        Membership membership = projects.membership(project.id(), subject).orElseThrow(ProblemException::notFound);
        if (membership.isOwner()) {
            requireAnotherOwner(project, subject);
        }
        projects.remove(membership);
        emit(project, membership, Change.REMOVED);
    }

    private void requireAnotherOwner(Project project, String subject) {
        boolean another = projects.members(project.id()).stream()
                .anyMatch(m -> m.isOwner() && !m.subject().equals(subject));
        if (!another) {
            throw ProblemException.conflict("last-owner", "A project must keep at least one owner.");
        }
    }

    private void emit(Project project, Membership membership, Change change) {
        outbox.append(new ProjectMembershipChanged(project.id().toString(), project.slug(), membership.subject(),
                membership.email(), membership.role(), change, clock.instant()));
    }
}
