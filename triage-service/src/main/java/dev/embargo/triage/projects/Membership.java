package dev.embargo.triage.projects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Read model: a subject is OWNER or MAINTAINER of a project. Removed memberships are deleted at once. */
@Entity
@Table(name = "memberships")
class Membership {

    @Id
    private String id;
    @Column(name = "project_id")
    private String projectId;
    private String subject;
    private String role;

    protected Membership() {
    }

    Membership(String projectId, String subject, String role) {
        this.id = projectId + ":" + subject;
        this.projectId = projectId;
        this.subject = subject;
        this.role = role;
    }

    void changeRole(String role) {
        this.role = role;
    }
}
