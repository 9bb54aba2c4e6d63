package dev.embargo.triage.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A hosted project a case affects, with its own status. Its maintainers see the shared parts of the case. */
@Entity
@Table(name = "case_projects")
public class CaseProject {

    /** What one affected project found. */
    public enum Status {
        UNDER_INVESTIGATION, AFFECTED, NOT_AFFECTED, FIXED
    }

    /** What the project said to the proposed disclosure date. */
    public enum DateStance {
        AGREED, OBJECTED
    }

    @Id
    private String id;
    @Column(name = "project_id")
    private String projectId;
    @Column(name = "project_slug")
    private String projectSlug;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "fixed_versions")
    private String fixedVersions;
    private String statement;
    private int position;
    @Enumerated(EnumType.STRING)
    @Column(name = "date_stance")
    private DateStance dateStance;

    protected CaseProject() {
    }

    CaseProject(String caseId, String projectId, String projectSlug, int position) {
        this.id = caseId + ":" + projectId;
        this.projectId = projectId;
        this.projectSlug = projectSlug;
        this.position = position;
        this.status = Status.UNDER_INVESTIGATION;
    }

    void update(Status status, String fixedVersions, String statement) {
        this.status = status;
        this.fixedVersions = fixedVersions;
        this.statement = statement;
    }

    void respondToDate(DateStance stance) {
        this.dateStance = stance;
    }

    /** Fixed or not affected: nothing of this project holds publication back. */
    boolean settled() {
        return status == Status.FIXED || status == Status.NOT_AFFECTED;
    }

    public DateStance dateStance() {
        return dateStance;
    }

    public String projectId() {
        return projectId;
    }

    public String projectSlug() {
        return projectSlug;
    }

    public Status status() {
        return status;
    }

    public String fixedVersions() {
        return fixedVersions;
    }

    public String statement() {
        return statement;
    }
}
