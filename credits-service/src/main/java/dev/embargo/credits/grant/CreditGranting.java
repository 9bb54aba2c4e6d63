package dev.embargo.credits.grant;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.embargo.credits.halloffame.Leaderboards;
import dev.embargo.credits.halloffame.SafeLink;
import dev.embargo.events.CasePublished;
import dev.embargo.events.CreditGranted;
import dev.embargo.events.CreditType;
import dev.embargo.platform.inbox.RejectedEventException;
import dev.embargo.platform.outbox.Outbox;
import io.quarkus.logging.Log;

/** Turns a published case into credits and points, and announces each new credit. */
@ApplicationScoped
class CreditGranting {

    private final Credits credits;
    private final Outbox outbox;
    private final PointsTable points;
    private final Leaderboards leaderboards;
    private final Clock clock;

    CreditGranting(Credits credits, Outbox outbox, PointsConfig points, Leaderboards leaderboards, Clock clock) {
        this.credits = credits;
        this.outbox = outbox;
        this.points = PointsTable.of(points);
        this.leaderboards = leaderboards;
        this.clock = clock;
    }

    /**
     * Records the credits of a published case once per credit slot: the inbox already drops a redelivered event, and
     * slots already credited are skipped, so the same case published again under a new event id adds nothing twice. The
     * leaderboards move in the same transaction.
     */
    @Transactional(TxType.MANDATORY)
    void grant(CasePublished event) {
        Publication publication = credits.publication(event.caseId()).orElse(null);
        boolean newProjects = false;
        if (publication == null) {
            if (credits.publicationByTrackingId(event.trackingId()).isPresent()) {
                throw new RejectedEventException("tracking id already belongs to another published case");
            }
            publication = new Publication(event.caseId(), event.trackingId(),
                    event.severity() == null ? null : event.severity().name(), event.occurredAt(),
                    event.projectSlugs());
            credits.add(publication);
        } else {
            newProjects = publication.cover(event.projectSlugs());
        }
        Set<Integer> taken = credits.slotsOf(event.caseId());
        int earned = points.forSeverity(publication.severityOrNull());
        List<CasePublished.Credit> slots = event.credits() == null ? List.of() : event.credits();
        int granted = 0;
        for (int slot = 0; slot < slots.size(); slot++) {
            if (taken.contains(slot)) {
                continue;
            }
            CasePublished.Credit c = slots.get(slot);
            String link = SafeLink.normalize(c.link()).orElse(null);
            Credit credit = Credit.grant(publication, slot, c.type().name(), c.name(), c.handle(), link, c.anonymous(),
                    blankToNull(c.researcherSubject()), earned);
            credits.add(credit);
            outbox.append(new CreditGranted(credit.id().toString(), event.caseId(), event.trackingId(),
                    event.projectSlugs().get(0), CreditType.valueOf(credit.type()), credit.researcherSubject(),
                    credit.points(), credit.anonymous(), clock.instant()));
            granted++;
        }
        if (granted > 0 || newProjects) {
            // A newly covered project gains every credit of the case, not only the new ones.
            leaderboards.refresh(credits.ofCase(event.caseId()));
        }
        Log.infof("case %s published: %d new credit(s)", event.trackingId(), granted);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
