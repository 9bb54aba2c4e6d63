package dev.embargo.intake.projects;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The collection of hosted projects. */
@ApplicationScoped
public class Projects implements PanacheRepositoryBase<Project, UUID> {

    public Optional<Project> bySlug(String slug) {
        return find("from Project where slug = ?1", slug).firstResultOptional();
    }

    /** The project with its row locked until the transaction ends (policy versions). */
    public Optional<Project> bySlugForUpdate(String slug) {
        return find("from Project where slug = ?1", slug).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public List<Project> all() {
        return list("from Project order by slug");
    }

    void add(Project project) {
        persist(project);
    }
}
