package dev.embargo.credits.grant;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The published cases credits were granted for, by case id. */
@ApplicationScoped
class Publications implements PanacheRepositoryBase<Publication, String> {

    Optional<Publication> byTrackingId(String trackingId) {
        return find("select p from Publication p where p.trackingId = ?1", trackingId).firstResultOptional();
    }
}
