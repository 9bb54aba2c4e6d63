package dev.embargo.notification.projects;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The policy read model, kept from {@code project.policy-published}. */
@ApplicationScoped
public class ProjectPolicies implements PanacheRepositoryBase<ProjectPolicy, String> {

    ProjectPolicies() {
    }

    void apply(String projectSlug, String projectId, int version, ProjectPolicy.Terms terms) {
        ProjectPolicy existing = findById(projectSlug);
        ProjectPolicy policy = existing != null ? existing : new ProjectPolicy(projectSlug, projectId);
        policy.adopt(version, terms);
        if (existing == null) {
            persist(policy);
        }
    }

    public Optional<ProjectPolicy> of(String projectSlug) {
        return findByIdOptional(projectSlug);
    }
}
