package dev.embargo.notification.projects;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.embargo.events.ProjectPolicyPublished;

/** The policy read model, kept from {@code project.policy-published}. */
@ApplicationScoped
public class ProjectPolicies {

    private final EntityManager em;

    ProjectPolicies(EntityManager em) {
        this.em = em;
    }

    void apply(ProjectPolicyPublished event) {
        ProjectPolicy existing = em.find(ProjectPolicy.class, event.slug());
        ProjectPolicy policy = existing != null ? existing : new ProjectPolicy(event.slug(), event.projectId());
        policy.adopt(event.version(), event.policy());
        if (existing == null) {
            em.persist(policy);
        }
    }

    public Optional<ProjectPolicy> of(String projectSlug) {
        return Optional.ofNullable(em.find(ProjectPolicy.class, projectSlug));
    }
}
