package dev.embargo.notification.projects;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/** A member of a project as intake last told us: role and where they want mail. */
@Entity
@Table(name = "member")
public class Member {

    /** Project slug and member subject. */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "project_slug")
        private String projectSlug;
        @Column(name = "subject")
        private String subject;

        protected Key() {
        }

        Key(String projectSlug, String subject) {
            this.projectSlug = projectSlug;
            this.subject = subject;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.projectSlug.equals(projectSlug) && k.subject.equals(subject);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectSlug, subject);
        }
    }

    public enum Role {
        OWNER, MAINTAINER
    }

    @EmbeddedId
    private Key id;
    @Column(name = "role")
    @Enumerated(EnumType.STRING)
    private Role role;
    private String email;
    @Column(name = "changed_at")
    private Instant changedAt;

    protected Member() {
    }

    Member(String projectSlug, String subject) {
        this.id = new Key(projectSlug, subject);
    }

    /** Applies a change unless a newer one was applied already (events of one project arrive in order anyway). */
    boolean update(Role role, String email, Instant changedAt) {
        if (this.changedAt != null && changedAt.isBefore(this.changedAt)) {
            return false;
        }
        this.role = role;
        this.email = email;
        this.changedAt = changedAt;
        return true;
    }

    public String projectSlug() {
        return id.projectSlug;
    }

    public String subject() {
        return id.subject;
    }

    public Role role() {
        return role;
    }

    /** Where the member wants mail; empty when none was given or it was unsafe for a mail header. */
    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    Instant changedAt() {
        return changedAt;
    }
}
