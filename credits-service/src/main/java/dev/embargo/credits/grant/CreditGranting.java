package dev.embargo.credits.grant;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.embargo.platform.inbox.RejectedEventException;
import dev.embargo.platform.outbox.Outbox;
import io.quarkus.logging.Log;

/** Turns a published case into credits and points, and announces each new credit. */
@ApplicationScoped
class CreditGranting {

    private final Credits credits;
    private final Publications publications;
    private final Outbox outbox;
    private final PointsTable points;
    private final Event<CreditsChanged> changed;
    private final Clock clock;

    CreditGranting(Credits credits, Publications publications, Outbox outbox, PointsConfig points,
            Event<CreditsChanged> changed, Clock clock) {
        this.credits = credits;
        this.publications = publications;
        this.outbox = outbox;
        this.points = PointsTable.of(points);
        this.changed = changed;
        this.clock = clock;
    }

    /**
     * Records the credits of a published case once per credit slot: the inbox already drops a redelivered event, and
     * slots already credited are skipped, so the same case published again under a new event id adds nothing twice. The
     * leaderboards move in the same transaction.
     */
    @Transactional(TxType.MANDATORY)
    void grant(PublishedCase published) {
        Publication publication = publications.findByIdOptional(published.caseId()).orElse(null);
        boolean newProjects = false;
        if (publication == null) {
            if (publications.byTrackingId(published.trackingId()).isPresent()) {
                throw new RejectedEventException("tracking id already belongs to another published case");
            }
            publication = new Publication(published.caseId(), published.trackingId(), published.severity(),
                    published.publishedAt(), published.projects());
            publications.persist(publication);
        } else {
            newProjects = publication.cover(published.projects());
        }
        Set<Integer> taken = credits.slotsOf(published.caseId());
        int earned = points.forSeverity(publication.severityOrNull());
        List<PublishedCase.Slot> slots = published.slots();
        int granted = 0;
        for (int slot = 0; slot < slots.size(); slot++) {
            if (taken.contains(slot)) {
                continue;
            }
            Credit credit = Credit.grant(publication, slot, slots.get(slot), published.leadProject(), earned,
                    clock.instant());
            credits.persist(credit);
            credit.releaseEvents().forEach(e -> CreditEvents.announce(outbox, e));
            granted++;
        }
        if (granted > 0 || newProjects) {
            // A newly covered project gains every credit of the case, not only the new ones.
            changed.fire(new CreditsChanged(credits.ofCase(published.caseId())));
        }
        Log.infof("case %s published: %d new credit(s)", published.trackingId(), granted);
    }
}
