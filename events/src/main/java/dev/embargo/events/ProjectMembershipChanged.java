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
 */
public record ProjectMembershipChanged(String projectId, String slug, String memberSubject, String email, Role role,
        Change change, Instant changedAt) implements LifecycleEvent {

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
