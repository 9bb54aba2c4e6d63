package dev.embargo.notification.headsup;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A self-hoster or distributor who gets embargoed heads-ups and advisories of one project. */
@Entity
@Table(name = "heads_up_subscriber")
class Subscriber {

    @Id
    private UUID id;
    @Column(name = "project_slug")
    private String projectSlug;
    private String email;
    private String name;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Subscriber() {
    }

    Subscriber(String projectSlug, String email, String name, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.projectSlug = projectSlug;
        this.email = email;
        this.name = name;
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }

    String projectSlug() {
        return projectSlug;
    }

    String email() {
        return email;
    }

    String name() {
        return name;
    }

    Instant createdAt() {
        return createdAt;
    }
}
