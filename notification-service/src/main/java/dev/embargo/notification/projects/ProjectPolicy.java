package dev.embargo.notification.projects;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What notifications need of a project's current policy: the details opt-in, the promised response times, lead time.
 */
@Entity
@Table(name = "project_policy")
public class ProjectPolicy {

    @Id
    @Column(name = "project_slug")
    private String projectSlug;
    @Column(name = "project_id")
    private String projectId;
    private int version;
    @Column(name = "include_details")
    private boolean includeDetails;
    @Column(name = "acknowledge_sla")
    private String acknowledgeSla;
    @Column(name = "assess_sla")
    private String assessSla;
    @Column(name = "heads_up_days")
    private Integer headsUpDays;

    protected ProjectPolicy() {
    }

    ProjectPolicy(String projectSlug, String projectId) {
        this.projectSlug = projectSlug;
        this.projectId = projectId;
    }

    /** What notifications keep of a policy version: the details opt-in, promised response times in words, lead time. */
    record Terms(boolean includeDetails, String acknowledgeSla, String assessSla, Integer headsUpDays) {
    }

    /** Adopts a newer policy version; older or repeated versions change nothing. */
    boolean adopt(int version, Terms terms) {
        if (version <= this.version) {
            return false;
        }
        this.version = version;
        this.includeDetails = terms.includeDetails();
        this.acknowledgeSla = terms.acknowledgeSla();
        this.assessSla = terms.assessSla();
        this.headsUpDays = terms.headsUpDays();
        return true;
    }

    public boolean includeDetails() {
        return includeDetails;
    }

    public Optional<String> acknowledgeSla() {
        return Optional.ofNullable(acknowledgeSla);
    }

    public Optional<String> assessSla() {
        return Optional.ofNullable(assessSla);
    }

    public Optional<Integer> headsUpDays() {
        return Optional.ofNullable(headsUpDays);
    }
}
