package dev.embargo.intake.policy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The collection of published policy versions, each immutable once written. */
@ApplicationScoped
class PolicyVersions implements PanacheRepositoryBase<PolicyVersion, PolicyVersion.Key> {

    void add(PolicyVersion version) {
        persist(version);
    }

    Optional<PolicyVersion> of(UUID projectId, int version) {
        return findByIdOptional(new PolicyVersion.Key(projectId, version));
    }

    /** Newest first. */
    List<PolicyVersion> history(UUID projectId) {
        return list("from PolicyVersion where projectId = ?1 order by version desc", projectId);
    }
}
