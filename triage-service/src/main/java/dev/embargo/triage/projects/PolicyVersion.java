package dev.embargo.triage.projects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Read model of one published, immutable version of a project's security policy. */
@Entity
@Table(name = "policies")
class PolicyVersion {

    @Id
    private String id;
    @Column(name = "project_id")
    private String projectId;
    private int version;
    private String document;

    protected PolicyVersion() {
    }

    PolicyVersion(String projectId, int version, String document) {
        this.id = projectId + ":" + version;
        this.projectId = projectId;
        this.version = version;
        this.document = document;
    }

    String document() {
        return document;
    }

    int version() {
        return version;
    }
}
