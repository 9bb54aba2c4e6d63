package dev.embargo.credits.halloffame;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An acknowledgement a project published before it moved to the platform, as its policy lists it. */
@Entity
@Table(name = "prior_credit")
@IdClass(PriorCredit.Key.class)
class PriorCredit {

    /** Composite key: project and position in the policy's list. */
    public static class Key implements Serializable {
        String projectSlug;
        int position;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(projectSlug, k.projectSlug) && position == k.position;
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectSlug, position);
        }
    }

    @Id
    @Column(name = "project_slug")
    private String projectSlug;
    @Id
    private int position;
    private String name;
    private String summary;
    @Column(name = "when_text")
    private String when;
    @Column(name = "policy_version")
    private int policyVersion;

    protected PriorCredit() {
    }

    PriorCredit(String projectSlug, int position, String name, String summary, String when, int policyVersion) {
        this.projectSlug = projectSlug;
        this.position = position;
        this.name = name;
        this.summary = summary;
        this.when = when;
        this.policyVersion = policyVersion;
    }

    HallOfFame.Earlier view() {
        return new HallOfFame.Earlier(name, summary, when);
    }

    int policyVersion() {
        return policyVersion;
    }
}
