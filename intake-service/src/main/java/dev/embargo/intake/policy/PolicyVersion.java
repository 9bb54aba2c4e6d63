package dev.embargo.intake.policy;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One published, immutable version of a project's policy; the document is the JSON of a {@code SecurityPolicy}. */
@Entity
@Table(name = "policy_version")
@IdClass(PolicyVersion.Key.class)
class PolicyVersion {

    /** Composite key: project and version. */
    public static class Key implements Serializable {
        UUID projectId;
        int version;

        public Key() {
        }

        Key(UUID projectId, int version) {
            this.projectId = projectId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(projectId, k.projectId) && version == k.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, version);
        }
    }

    @Id
    @Column(name = "project_id", updatable = false)
    private UUID projectId;
    @Id
    @Column(updatable = false)
    private int version;
    @Column(name = "published_at", updatable = false)
    private Instant publishedAt;
    @Column(name = "published_by", updatable = false)
    private String publishedBy;
    @Column(updatable = false)
    private String document;

    protected PolicyVersion() {
    }

    PolicyVersion(UUID projectId, int version, Instant publishedAt, String publishedBy, String document) {
        this.projectId = projectId;
        this.version = version;
        this.publishedAt = publishedAt;
        this.publishedBy = publishedBy;
        this.document = document;
    }

    public int version() {
        return version;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public String publishedBy() {
        return publishedBy;
    }

    public String document() {
        return document;
    }
}
