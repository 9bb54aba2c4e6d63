package dev.embargo.intake.demo;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;

import dev.embargo.events.ProjectMembershipChanged.Role;
import dev.embargo.events.SecurityPolicy;
import dev.embargo.intake.policy.Policies;
import dev.embargo.intake.policy.PolicyDocuments;
import dev.embargo.intake.projects.Memberships;
import dev.embargo.intake.projects.Project;
import dev.embargo.intake.projects.ProjectRegistry;
import dev.embargo.intake.projects.Projects;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the five example projects for the local run, idempotently: a project that exists is left as it is, its policy
 * is published only when it has none, and missing memberships are added.
 */
@ApplicationScoped
class DemoProjects {

    private final DemoConfig config;
    private final Projects projects;
    private final Memberships memberships;
    private final ProjectRegistry registry;
    private final Policies policies;
    private final PolicyDocuments documents;

    DemoProjects(DemoConfig config, Projects projects, Memberships memberships, ProjectRegistry registry,
            Policies policies, PolicyDocuments documents) {
        this.config = config;
        this.projects = projects;
        this.memberships = memberships;
        this.registry = registry;
        this.policies = policies;
        this.documents = documents;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            load();
        }
    }

    /** Registers the example projects (slug = file name); the first two (alphabetical) get the demo maintainer. */
    @ActivateRequestContext
    public void load() {
        List<String> slugs = PolicyDocuments.EXAMPLES;
        for (int i = 0; i < slugs.size(); i++) {
            boolean maintained = i < 2;
            String slug = slugs.get(i);
            // One transaction per project, so every check reads the database as it is now.
            QuarkusTransaction.requiringNew().run(() -> loadOne(slug, maintained));
        }
        Log.infof("demo projects loaded: %s", slugs);
    }

    private void loadOne(String slug, boolean withMaintainer) {
        SecurityPolicy policy = documents.example(slug);
        Project project = projects.bySlug(slug).orElseGet(() -> registry.register(slug, policy.name(),
                policy.policyUrl(), List.of(new ProjectRegistry.Member(config.ownerSubject(), config.ownerEmail()))));
        if (memberships.membership(project.id(), config.ownerSubject()).isEmpty()) {
            registry.setMember(project, config.ownerSubject(), Role.OWNER, config.ownerEmail());
        }
        if (withMaintainer && memberships.membership(project.id(), config.maintainerSubject()).isEmpty()) {
            registry.setMember(project, config.maintainerSubject(), Role.MAINTAINER, config.maintainerEmail());
        }
        if (project.currentPolicyVersion().isEmpty()) {
            policies.publish(slug, policy, config.ownerSubject());
        }
    }
}
