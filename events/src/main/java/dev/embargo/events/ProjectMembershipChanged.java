package dev.embargo.events;

import java.time.Instant;

/**
 * Someone became, changed role as, or stopped being a member of a project. Consumers must apply it at once: a removed
 * member loses access whatever their token says.
 *
 * @param memberSubject
 *            OIDC subject of the member
 * @param email
 *            where the member wants platform notifications, if given
 * @param role
 *            role after the change; for {@code REMOVED} the role that was removed
 * @param actor
 *            OIDC subject of who made the change, if known
 * @param byPlatformAdmin
 *            the change was made with platform-admin powers (the project's owners are told)
 */
public record ProjectMembershipChanged(String projectId, String slug, String memberSubject, String email, Role role,
        Change change, Instant changedAt, String actor, Boolean byPlatformAdmin) implements LifecycleEvent {

    /** A change without a recorded actor (as version 1 producers sent it). */
    public ProjectMembershipChanged(String projectId, String slug, String memberSubject, String email, Role role,
            Change change, Instant changedAt) {
        this(projectId, slug, memberSubject, email, role, change, changedAt, null, null);
    }

    /** Whether a platform admin made the change with admin powers (not as an owner of the project). */
    public boolean madeByPlatformAdmin() {
        return Boolean.TRUE.equals(byPlatformAdmin);
    }

    public enum Role {
        OWNER, MAINTAINER
    }

    public enum Change {
        ADDED, ROLE_CHANGED, REMOVED
    }

    @Override
    public String subject() {
        return projectId;
    }
}
