package dev.embargo.notification.headsup;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Heads-up subscribers of all projects. */
@ApplicationScoped
class Subscribers implements PanacheRepositoryBase<Subscriber, UUID> {

    List<Subscriber> of(String projectSlug) {
        return find("from Subscriber s where s.projectSlug = ?1 order by s.createdAt", projectSlug).list();
    }

    /** A project's subscriber; another project's answers like one that does not exist. */
    Optional<Subscriber> of(String projectSlug, UUID id) {
        return findByIdOptional(id).filter(s -> s.projectSlug().equals(projectSlug));
    }
}
