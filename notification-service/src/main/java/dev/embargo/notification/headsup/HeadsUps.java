package dev.embargo.notification.headsup;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.embargo.events.CaseDisclosureScheduled;
import dev.embargo.events.CasePublished;
import dev.embargo.notification.delivery.Deliveries;
import dev.embargo.notification.mail.MailConfig;
import dev.embargo.notification.mail.MailRenderer;
import dev.embargo.notification.mail.Notice;

/**
 * Heads-up subscribers and pending heads-ups: schedules the embargoed notice when a disclosure date is set, releases
 * due ones into the delivery log, and sends subscribers the advisory once published.
 */
@ApplicationScoped
public class HeadsUps {

    private final EntityManager em;
    private final Deliveries deliveries;
    private final MailRenderer renderer;
    private final MailConfig mail;
    private final HeadsUpConfig config;
    private final Clock clock;

    HeadsUps(EntityManager em, Deliveries deliveries, MailRenderer renderer, MailConfig mail, HeadsUpConfig config,
            Clock clock) {
        this.em = em;
        this.deliveries = deliveries;
        this.renderer = renderer;
        this.mail = mail;
        this.config = config;
        this.clock = clock;
    }

    /** In the consumer's transaction: remembers when the case's heads-up is due. */
    @Transactional(TxType.MANDATORY)
    public void schedule(CaseDisclosureScheduled event, Optional<Integer> policyDays) {
        int days = Optional.ofNullable(event.headsUpDays()).or(() -> policyDays).orElse(config.defaultDays());
        HeadsUp existing = em.find(HeadsUp.class, event.caseId());
        HeadsUp headsUp = existing != null ? existing : new HeadsUp(event.caseId(), event.trackingId());
        headsUp.schedule(event.projectSlugs(), event.disclosureDate(), days, event.disclosureAt());
        if (existing == null) {
            em.persist(headsUp);
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
        List<String> due = em
                .createNativeQuery("SELECT case_id FROM heads_up WHERE released_at IS NULL"
                        + " AND due_at <= ?1 ORDER BY due_at LIMIT 100 FOR UPDATE SKIP LOCKED")
                .setParameter(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).getResultList();
        for (String caseId : due) {
            HeadsUp headsUp = em.find(HeadsUp.class, caseId);
            for (String slug : headsUp.projectSlugs()) {
                var about = new Deliveries.About("heads-up:" + caseId + ":" + headsUp.disclosureDate(), "case.heads-up",
                        slug, headsUp.trackingId());
                for (Subscriber subscriber : subscribers(slug)) {
                    Notice notice = new Notice(Notice.Kind.HEADS_UP, slug, headsUp.trackingId(), link(slug));
                    notice.disclosureDate = headsUp.disclosureDate().toString();
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
    public void published(String eventId, CasePublished event) {
        HeadsUp headsUp = em.find(HeadsUp.class, event.caseId());
        if (headsUp != null) {
            headsUp.published(clock.instant());
        }
        String advisoryId = event.advisory() != null && event.advisory().hasNonNull("id")
                ? event.advisory().get("id").asText() : null;
        String summary = event.advisory() != null && event.advisory().hasNonNull("summary")
                ? event.advisory().get("summary").asText() : null;
        for (String slug : event.projectSlugs()) {
            var about = new Deliveries.About(eventId, "case.published", slug, event.trackingId());
            for (Subscriber subscriber : subscribers(slug)) {
                Notice notice = new Notice(Notice.Kind.ADVISORY, slug, event.trackingId(), link(slug));
                notice.severity = event.severity() == null ? null : event.severity().name();
                notice.advisoryId = advisoryId;
                notice.advisorySummary = summary;
                deliveries.enqueueEmail(about, "subscriber:" + subscriber.id(), subscriber.email(),
                        renderer.render(notice));
            }
        }
    }

    private String link(String slug) {
        return mail.linkBaseUrl() + "/projects/" + slug + "/advisories";
    }

    List<Subscriber> subscribers(String projectSlug) {
        return em.createQuery("from Subscriber s where s.projectSlug = :slug order by s.createdAt", Subscriber.class)
                .setParameter("slug", projectSlug).getResultList();
    }

    Subscriber subscribe(String projectSlug, String email, String name) {
        var subscriber = new Subscriber(projectSlug, email, name, clock.instant());
        em.persist(subscriber);
        return subscriber;
    }

    Optional<Subscriber> subscriber(String projectSlug, java.util.UUID id) {
        return Optional.ofNullable(em.find(Subscriber.class, id)).filter(s -> s.projectSlug().equals(projectSlug));
    }

    void unsubscribe(Subscriber subscriber) {
        em.remove(subscriber);
    }
}
