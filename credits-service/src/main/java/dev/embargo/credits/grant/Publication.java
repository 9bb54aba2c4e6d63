package dev.embargo.credits.grant;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/** A published case as far as credits are concerned: its public tracking id, projects and publication time. */
@Entity
@Table(name = "publication")
public class Publication {

    @Id
    @Column(name = "case_id")
    private String caseId;

    @Column(name = "tracking_id", nullable = false, unique = true)
    private String trackingId;

    private String severity;

    @Column(name = "published_at", nullable = false)
    private Instant publishedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "publication_project", joinColumns = @JoinColumn(name = "case_id"))
    @Column(name = "project_slug")
    private Set<String> projectSlugs = new LinkedHashSet<>();

    protected Publication() {
    }

    Publication(String caseId, String trackingId, String severity, Instant publishedAt, Collection<String> projects) {
        this.caseId = caseId;
        this.trackingId = trackingId;
        this.severity = severity;
        // PostgreSQL keeps microseconds; standings computed in the granting transaction must order ties as stored.
        this.publishedAt = publishedAt.truncatedTo(ChronoUnit.MICROS);
        this.projectSlugs.addAll(projects);
    }

    /**
     * A case published again may cover more projects; the first publication time and severity stay.
     *
     * @return whether a project was added
     */
    boolean cover(Collection<String> projects) {
        return projectSlugs.addAll(projects);
    }

    String severityOrNull() {
        return severity;
    }

    public String caseId() {
        return caseId;
    }

    public String trackingId() {
        return trackingId;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public Set<String> projectSlugs() {
        return Set.copyOf(projectSlugs);
    }
}
