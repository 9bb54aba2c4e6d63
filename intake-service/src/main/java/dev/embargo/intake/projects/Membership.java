package dev.embargo.intake.projects;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import dev.embargo.events.ProjectMembershipChanged.Role;
import dev.embargo.intake.Refused;

/** One person's role in one project, keyed by OIDC subject. */
@Entity
@Table(name = "membership")
@IdClass(Membership.Key.class)
public class Membership {

    /** Composite key: project and subject. */
    public static class Key implements Serializable {
        UUID projectId;
        String subject;

        public Key() {
        }

        Key(UUID projectId, String subject) {
            this.projectId = projectId;
            this.subject = subject;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(projectId, k.projectId) && Objects.equals(subject, k.subject);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, subject);
        }
    }

    @Id
    @Column(name = "project_id")
    private UUID projectId;
    @Id
    private String subject;
    @Enumerated(EnumType.STRING)
    private Role role;
    private String email;
    private Instant since;

    protected Membership() {
    }

    Membership(UUID projectId, String subject, Role role, String email, Instant since) {
        this.projectId = projectId;
        this.subject = subject;
        this.role = role;
        this.email = email;
        this.since = since;
    }

    public String subject() {
        return subject;
    }

    public Role role() {
        return role;
    }

    public String email() {
        return email;
    }

    public Instant since() {
        return since;
    }

    public boolean isOwner() {
        return role == Role.OWNER;
    }

    /**
     * Changes role and/or email; true when the role changed. The project's last owner stays one: {@code anotherOwner}
     * says whether someone else owns the project (asked only when it matters).
     */
    boolean update(Role newRole, String newEmail, BooleanSupplier anotherOwner) {
        if (isOwner() && newRole != Role.OWNER) {
            requireAnother(anotherOwner);
        }
        boolean roleChanged = newRole != role;
        role = newRole;
        if (newEmail != null) {
            email = newEmail;
        }
        return roleChanged;
    }

    /** Checks the membership may end: the project's last owner cannot leave it ownerless. */
    void end(BooleanSupplier anotherOwner) {
        if (isOwner()) {
            requireAnother(anotherOwner);
        }
    }

    private static void requireAnother(BooleanSupplier anotherOwner) {
        if (!anotherOwner.getAsBoolean()) {
            throw Refused.conflict("last-owner", "A project must keep at least one owner.");
        }
    }
}
