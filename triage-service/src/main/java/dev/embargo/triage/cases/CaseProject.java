package dev.embargo.triage.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import dev.embargo.platform.crypto.FieldCipher;
import dev.embargo.triage.sealing.ColumnSealing;
import dev.embargo.triage.sealing.SealedColumns;

/**
 * A hosted project a case affects, with its own status. Its maintainers see the shared parts of the case. Fixed
 * versions and statement are stored sealed, bound to {@code case_projects:<id>:<field>}.
 */
@Entity
@Table(name = "case_projects")
@EntityListeners(ColumnSealing.class)
public class CaseProject implements SealedColumns {

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
    private byte[] sealedFixedVersions;
    @Column(name = "statement")
    private byte[] sealedStatement;
    /** Plaintexts from before the columns were sealed, until {@link LegacyPlaintext} seals them. */
    @Column(name = "legacy_fixed_versions")
    private String legacyFixedVersions;
    @Column(name = "legacy_statement")
    private String legacyStatement;
    @Transient
    private String fixedVersions;
    @Transient
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
        this.sealedFixedVersions = SealedColumns.stale();
        this.sealedStatement = SealedColumns.stale();
    }

    @Override
    public void sealColumns(FieldCipher atRest) {
        if (SealedColumns.needsSealing(sealedFixedVersions, fixedVersions)) {
            sealedFixedVersions = atRest.encrypt(fixedVersions, boundTo(id, "fixed_versions"));
            legacyFixedVersions = null;
        }
        if (SealedColumns.needsSealing(sealedStatement, statement)) {
            sealedStatement = atRest.encrypt(statement, boundTo(id, "statement"));
            legacyStatement = null;
        }
    }

    @Override
    public void openColumns(FieldCipher atRest) {
        fixedVersions = sealedFixedVersions != null ? atRest.decrypt(sealedFixedVersions, boundTo(id, "fixed_versions"))
                : legacyFixedVersions;
        statement = sealedStatement != null ? atRest.decrypt(sealedStatement, boundTo(id, "statement"))
                : legacyStatement;
    }

    /** Associated data binding a field's ciphertext to this row. */
    static String boundTo(String id, String field) {
        return "case_projects:" + id + ":" + field;
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
