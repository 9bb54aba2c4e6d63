package dev.embargo.triage.access;

import java.util.Map;

/**
 * Someone acting on a case as a member of hosted projects: the role they hold in each project, as the membership read
 * model says now (never as a token claims). The case decides what each role may do.
 */
public record Participant(String subject, Map<String, Role> roles) {

    /** A member's role in one project. */
    public enum Role {
        OWNER, MAINTAINER
    }

    public Participant {
        roles = Map.copyOf(roles);
    }

    public static Participant of(String subject, Map<String, Role> roles) {
        return new Participant(subject, roles);
    }

    public boolean memberOf(String projectId) {
        return roles.containsKey(projectId);
    }

    public boolean ownerOf(String projectId) {
        return roles.get(projectId) == Role.OWNER;
    }
}
