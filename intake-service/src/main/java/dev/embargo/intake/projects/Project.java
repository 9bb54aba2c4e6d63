package dev.embargo.intake.projects;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A hosted project: its registry entry and its policy version pointer. Report numbers and tracking ids:
 * {@link TrackingIds}.
 */
@Entity
@Table(name = "project")
public class Project {

    @Id
    private UUID id;
    private String slug;
    private String name;
    private String homepage;
    @Column(name = "registered_at")
    private Instant registeredAt;
    @Column(name = "current_policy_version")
    private Integer currentPolicyVersion;

    protected Project() {
    }

    Project(String slug, String name, String homepage, Instant registeredAt) {
        this.id = UUID.randomUUID();
        this.slug = slug;
        this.name = name;
        this.homepage = homepage;
        this.registeredAt = registeredAt;
    }

    public UUID id() {
        return id;
    }

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }

    public String homepage() {
        return homepage;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    /** Version of the policy reports are checked against now; empty until the owners published one. */
    public Optional<Integer> currentPolicyVersion() {
        return Optional.ofNullable(currentPolicyVersion);
    }

    /** The next policy version number; versions are never reused. */
    public int publishPolicyVersion() {
        currentPolicyVersion = currentPolicyVersion == null ? 1 : currentPolicyVersion + 1;
        return currentPolicyVersion;
    }
}
