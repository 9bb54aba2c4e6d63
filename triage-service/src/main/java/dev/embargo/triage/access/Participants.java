package dev.embargo.triage.access;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.triage.projects.Projects;

/** Who a caller is on cases: their role in each project, read once per request from the membership read model. */
@ApplicationScoped
public class Participants {

    private final Projects projects;

    Participants(Projects projects) {
        this.projects = projects;
    }

    /** The subject as a participant: their role in each project, as the membership read model says now. */
    public Participant of(String subject) {
        Map<String, Participant.Role> roles = new HashMap<>();
        projects.rolesOf(subject).forEach((project, role) -> roles.put(project,
                "OWNER".equals(role) ? Participant.Role.OWNER : Participant.Role.MAINTAINER));
        return Participant.of(subject, roles);
    }
}
