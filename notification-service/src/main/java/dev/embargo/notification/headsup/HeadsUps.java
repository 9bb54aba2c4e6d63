package dev.embargo.notification.headsup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.embargo.notification.DomainConflict;
import dev.embargo.notification.delivery.Deliveries;
import dev.embargo.notification.mail.MailConfig;
import dev.embargo.notification.mail.MailRenderer;
import dev.embargo.notification.mail.Notice;
import dev.embargo.notification.mail.Regarding;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/**
 * Heads-up subscribers and pending heads-ups: schedules the embargoed notice when a disclosure date is set, releases
 * due ones into the delivery log, and sends subscribers the advisory once published.
 */
@ApplicationScoped
public class HeadsUps implements PanacheRepositoryBase<HeadsUp, String> {

    private final Subscribers subscribers;
    private final Deliveries deliveries;
    private final MailRenderer renderer;
    private final MailConfig mail;
    private final HeadsUpConfig config;
    private final Clock clock;

    HeadsUps(Subscribers subscribers, Deliveries deliveries, MailRenderer renderer, MailConfig mail,
            HeadsUpConfig config, Clock clock) {
        this.subscribers = subscribers;
        this.deliveries = deliveries;
        this.renderer = renderer;
        this.mail = mail;
        this.config = config;
        this.clock = clock;
    }

    /**
     * A disclosure agreed for a case, as the heads-up feature needs it.
     *
     * @param disclosureAt
     *            the agreed instant, or null when only a date was agreed
     * @param headsUpDays
     *            the case's own notice period, or null for the project's
     */
    public record Disclosure(String caseId, String trackingId, List<String> projectSlugs, LocalDate disclosureDate,
            Instant disclosureAt, Integer headsUpDays) {
    }

    /** A published advisory, as its subscribers hear of it. */
    public record Advisory(String caseId, String trackingId, List<String> projectSlugs, String severity,
            String advisoryId, String summary) {
    }

    /** In the consumer's transaction: remembers when the case's heads-up is due. */
    @Transactional(TxType.MANDATORY)
    public void schedule(Disclosure event, Optional<Integer> policyDays) {
        int days = Optional.ofNullable(event.headsUpDays()).or(() -> policyDays).orElse(config.defaultDays());
        HeadsUp existing = findById(event.caseId());
        HeadsUp headsUp = existing != null ? existing : new HeadsUp(event.caseId(), event.trackingId());
        headsUp.schedule(event.projectSlugs(), event.disclosureDate(), days, event.disclosureAt());
        if (existing == null) {
            persist(headsUp);
        }
    }

    /**
     * Queues the heads-up of every case that is due at {@code now} for each subscriber of its projects.
     *
     * @return how many cases were released
     */
    @Transactional
    public int releaseDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<String> due = getEntityManager()
                .createNativeQuery("SELECT case_id FROM heads_up WHERE released_at IS NULL"
                        + " AND due_at <= ?1 ORDER BY due_at LIMIT 100 FOR UPDATE SKIP LOCKED")
                .setParameter(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).getResultList();
        for (String caseId : due) {
            HeadsUp headsUp = findById(caseId);
            for (String slug : headsUp.projectSlugs()) {
                var about = new Deliveries.About("heads-up:" + caseId + ":" + headsUp.disclosureDate(), "case.heads-up",
                        slug, headsUp.trackingId());
                for (Subscriber subscriber : subscribers.of(slug)) {
                    var notice = new Notice.HeadsUp(Regarding.of(slug, headsUp.trackingId(), link(slug)),
                            headsUp.disclosureDate().toString());
                    deliveries.enqueueEmail(about, "subscriber:" + subscriber.id(), subscriber.email(),
                            renderer.render(notice));
                }
            }
            headsUp.released(now);
        }
        return due.size();
    }

    /** In the consumer's transaction: sends subscribers the now public advisory. */
    @Transactional(TxType.MANDATORY)
    public void published(String eventId, Advisory event) {
        HeadsUp headsUp = findById(event.caseId());
        if (headsUp != null) {
            headsUp.published(clock.instant());
        }
        for (String slug : event.projectSlugs()) {
            var about = new Deliveries.About(eventId, "case.published", slug, event.trackingId());
            for (Subscriber subscriber : subscribers.of(slug)) {
                var notice = new Notice.Advisory(
                        Regarding.of(slug, event.trackingId(), link(slug)).withSeverity(event.severity()),
                        event.advisoryId(), event.summary());
                deliveries.enqueueEmail(about, "subscriber:" + subscriber.id(), subscriber.email(),
                        renderer.render(notice));
            }
        }
    }

    private String link(String slug) {
        return mail.linkBaseUrl() + "/projects/" + slug + "/advisories";
    }

    /**
     * Adds a subscriber to a project's list, which holds an address once.
     *
     * @throws DomainConflict
     *             {@code already-subscribed} when the address is on the list already
     */
    @Transactional(TxType.MANDATORY)
    Subscriber subscribe(String projectSlug, String email, String name) {
        if (subscribers.of(projectSlug).stream().anyMatch(s -> s.email().equalsIgnoreCase(email))) {
            throw new DomainConflict("already-subscribed", "This address is subscribed already.");
        }
        var subscriber = new Subscriber(projectSlug, email, name, clock.instant());
        subscribers.persist(subscriber);
        return subscriber;
    }
}
