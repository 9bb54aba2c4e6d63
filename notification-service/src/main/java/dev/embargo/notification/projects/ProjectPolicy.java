package dev.embargo.notification.projects;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.embargo.events.SecurityPolicy;

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

    /** Adopts a newer policy version; older or repeated versions change nothing. */
    boolean adopt(int version, SecurityPolicy policy) {
        if (version <= this.version) {
            return false;
        }
        this.version = version;
        this.includeDetails = policy.notifications() != null && policy.notifications().includeDetailsInEmail();
        this.acknowledgeSla = policy.sla() == null ? null : describe(policy.sla().acknowledge());
        this.assessSla = policy.sla() == null ? null : describe(policy.sla().assess());
        this.headsUpDays = policy.disclosure() == null ? null : policy.disclosure().headsUpDays();
        return true;
    }

    private static String describe(SecurityPolicy.Deadline deadline) {
        if (deadline == null) {
            return null;
        }
        String unit = switch (deadline.unit()) {
        case HOURS -> "hours";
        case BUSINESS_HOURS -> "hours (business days)";
        case DAYS -> "days";
        case BUSINESS_DAYS -> "business days";
        case WEEKS -> "weeks";
        };
        return deadline.amount() + " " + unit;
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
