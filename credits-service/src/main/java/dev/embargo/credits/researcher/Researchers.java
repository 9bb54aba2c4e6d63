package dev.embargo.credits.researcher;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Researcher profiles, one per signed-in account. */
@ApplicationScoped
class Researchers implements PanacheRepositoryBase<ResearcherProfile, UUID> {

    Optional<ResearcherProfile> bySubject(String subject) {
        return find("select p from ResearcherProfile p where p.subject = ?1", subject).firstResultOptional();
    }
}
