package dev.embargo.intake.reports;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The collection of reporters' standings per project: strikes for non-compliant reports and bans. */
@ApplicationScoped
class ReporterStandings implements PanacheRepositoryBase<ReporterStanding, ReporterStanding.Key> {

    /** The reporter's standing, created clean on first use. */
    ReporterStanding of(UUID projectId, String reporterKey) {
        return existing(projectId, reporterKey).orElseGet(() -> {
            var standing = new ReporterStanding(projectId, reporterKey);
            persist(standing);
            return standing;
        });
    }

    Optional<ReporterStanding> existing(UUID projectId, String reporterKey) {
        return findByIdOptional(new ReporterStanding.Key(projectId, reporterKey));
    }

    List<ReporterStanding> inProject(UUID projectId) {
        return list("from ReporterStanding where projectId = ?1 order by reporterKey", projectId);
    }
}
