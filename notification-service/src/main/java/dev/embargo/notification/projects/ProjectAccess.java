package dev.embargo.notification.projects;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.platform.problem.ProblemException;

/**
 * Decides per request, from the members read model, whether the caller may act on a project. A project the caller is
 * not a member of answers exactly like one that does not exist.
 */
@ApplicationScoped
public class ProjectAccess {

    private final Members members;

    ProjectAccess(Members members) {
        this.members = members;
    }

    /** The caller's membership, or 404 when they are none of the project's members. */
    public Member requireMember(String projectSlug, String subject) {
        return members.find(projectSlug, subject).orElseThrow(ProblemException::notFound);
    }

    /** 404 for non-members, 403 for members who are not owners. */
    public Member requireOwner(String projectSlug, String subject) {
        Member member = requireMember(projectSlug, subject);
        if (member.role() != Member.Role.OWNER) {
            throw ProblemException.forbidden("owner-required", "Only the project's owners may do this.");
        }
        return member;
    }
}
