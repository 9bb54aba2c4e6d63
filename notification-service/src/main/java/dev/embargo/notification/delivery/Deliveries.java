package dev.embargo.notification.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.embargo.notification.mail.MailRenderer;
import dev.embargo.platform.crypto.Ciphers;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/**
 * The delivery log. Rows are added in the consumer's transaction, at most one per (event id, recipient, channel)
 * whatever is redelivered (unique key, {@code ON CONFLICT DO NOTHING}); the sender job claims due rows and records each
 * attempt's outcome.
 */
@ApplicationScoped
public class Deliveries implements PanacheRepositoryBase<Delivery, UUID> {

    /** What a notification is about, shared by all its deliveries. */
    public record About(String eventId, String eventType, String projectSlug, String trackingId) {
    }

    /** A row claimed for one attempt. */
    public record Claim(UUID id, Channel channel, UUID endpointId) {
    }

    /** A delivered row and when its send succeeded. */
    record Sent(UUID id, Instant at) {
    }

    private static final String OPEN_MAILS = "SELECT id, address, subject, body_text, body_html FROM delivery"
            + " WHERE id = ANY (?) AND channel = 'EMAIL'";

    /**
     * Marks a batch sent in one statement. Like {@link Delivery#delivered}, only pending rows change, so recording
     * again changes nothing; the rows it changed come back for their {@link DeliverySettled}.
     */
    private static final String MARK_SENT = "UPDATE delivery d SET status = 'SENT', attempts = d.attempts + 1,"
            + " sent_at = s.at, claimed_until = NULL, last_error = NULL"
            + " FROM unnest(?::uuid[], ?::timestamptz[]) AS s(id, at)"
            + " WHERE d.id = s.id AND d.status = 'PENDING' RETURNING d.id, d.channel, d.endpoint_id";

    private static final String INSERT = "INSERT INTO delivery (id, event_id, event_type, project_slug, tracking_id,"
            + " recipient, channel, endpoint_id, address, subject, body_text, body_html, payload, status, attempts,"
            + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)"
            + " ON CONFLICT ON CONSTRAINT delivery_once DO NOTHING";

    private final AgroalDataSource dataSource;
    private final Ciphers ciphers;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Event<DeliveriesQueued> wakeUps;
    private final Event<DeliverySettled> settled;

    Deliveries(AgroalDataSource dataSource, Ciphers ciphers, Clock clock, MeterRegistry registry,
            Event<DeliveriesQueued> wakeUps, Event<DeliverySettled> settled) {
        this.wakeUps = wakeUps;
        this.settled = settled;
        this.registry = registry;
        this.dataSource = dataSource;
        this.ciphers = ciphers;
        this.clock = clock;
    }

    /**
     * Queues a mail in the caller's transaction; the address and the rendered mail are stored encrypted.
     *
     * @return false when this event had already queued a mail for this recipient
     */
    @Transactional(TxType.MANDATORY)
    public boolean enqueueEmail(About about, String recipient, String address, MailRenderer.Rendered mail) {
        UUID id = UUID.randomUUID();
        String bound = "delivery:" + id + ":";
        return insert(id, about, recipient, Channel.EMAIL, null, ciphers.atRest().encrypt(address, bound + "address"),
                ciphers.atRest().encrypt(mail.subject(), bound + "subject"),
                ciphers.atRest().encrypt(mail.text(), bound + "body_text"),
                ciphers.atRest().encrypt(mail.html(), bound + "body_html"), null);
    }

    /** Queues a webhook call in the caller's transaction; the payload carries no report content. */
    @Transactional(TxType.MANDATORY)
    public boolean enqueueWebhook(About about, UUID endpointId, String payload) {
        return insert(UUID.randomUUID(), about, "webhook:" + endpointId, Channel.WEBHOOK, endpointId, null, null, null,
                null, payload);
    }

    private boolean insert(UUID id, About about, String recipient, Channel channel, UUID endpointId, byte[] address,
            byte[] subject, byte[] text, byte[] html, String payload) {
        flush();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            ps.setObject(1, id);
            ps.setString(2, about.eventId());
            ps.setString(3, about.eventType());
            ps.setString(4, about.projectSlug());
            ps.setString(5, about.trackingId());
            ps.setString(6, recipient);
            ps.setString(7, channel.name());
            ps.setObject(8, endpointId);
            ps.setBytes(9, address);
            ps.setBytes(10, subject);
            ps.setBytes(11, text);
            ps.setBytes(12, html);
            ps.setString(13, payload);
            ps.setObject(14, now);
            ps.setObject(15, now);
            boolean queued = ps.executeUpdate() == 1;
            if (queued) {
                // The sender job starts on it as soon as the row is visible, not at its next run.
                wakeUps.fire(new DeliveriesQueued());
            }
            return queued;
        } catch (SQLException e) {
            throw new IllegalStateException("could not queue a delivery", e);
        }
    }

    /** Claims due pending deliveries for one attempt each, in its own transaction; other instances skip them. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<Claim> claimDue(Instant now, DeliveryConfig config) {
        List<Claim> claims = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "WITH due AS (SELECT id FROM delivery WHERE status = 'PENDING' AND next_attempt_at <= ?"
                                + " AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt_at LIMIT ?"
                                + " FOR UPDATE SKIP LOCKED)"
                                + " UPDATE delivery d SET claimed_until = ? FROM due WHERE d.id = due.id"
                                + " RETURNING d.id, d.channel, d.endpoint_id")) {
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            ps.setObject(1, at);
            ps.setObject(2, at);
            ps.setInt(3, config.batchSize());
            ps.setObject(4, at.plus(config.claimLease()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claims.add(new Claim((UUID) rs.getObject(1), Channel.valueOf(rs.getString(2)),
                            (UUID) rs.getObject(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim deliveries", e);
        }
        return claims;
    }

    /**
     * Records one attempt's outcome in its own transaction.
     *
     * @return true when a failed delivery was given up
     */
    @Transactional(TxType.REQUIRES_NEW)
    boolean record(UUID id, ChannelSender.Outcome outcome, Instant now, Delivery.RetrySchedule schedule) {
        Delivery delivery = findById(id);
        if (delivery == null) {
            return false;
        }
        boolean gaveUp = false;
        if (outcome.delivered()) {
            delivery.delivered(now);
        } else {
            // Operators alert on this (deploy/monitoring): failed attempts by channel, given up or to be retried.
            registry.counter("embargo.deliveries.failed", "channel", String.valueOf(delivery.channel())).increment();
            gaveUp = delivery.attemptFailed(outcome.error(), outcome.permanent(), now, schedule);
        }
        delivery.releaseEvents().forEach(settled::fire);
        return gaveUp;
    }

    /**
     * Records a batch of successful attempts in one transaction and one statement.
     *
     * @return how many rows were pending and are now sent
     */
    @Transactional(TxType.REQUIRES_NEW)
    int recordSent(List<Sent> sent) {
        if (sent.isEmpty()) {
            return 0;
        }
        UUID[] ids = new UUID[sent.size()];
        String[] at = new String[sent.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = sent.get(i).id();
            at[i] = sent.get(i).at().toString();
        }
        List<DeliverySettled> settledRows = new ArrayList<>(ids.length);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MARK_SENT)) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("text", at));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    settledRows.add(new DeliverySettled((UUID) rs.getObject(1), Channel.valueOf(rs.getString(2)),
                            (UUID) rs.getObject(3), true));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record sent deliveries", e);
        }
        settledRows.forEach(settled::fire);
        return settledRows.size();
    }

    /**
     * Reads the email deliveries among these ids in one query, still sealed, without a transaction (the rows of a claim
     * do not change while it holds them, and nothing is written). {@link #open} opens each where it is sent.
     *
     * @return the mails by delivery id; a row that no longer exists is absent
     */
    public Map<UUID, SealedMail> readMails(List<UUID> ids) {
        Map<UUID, SealedMail> mails = new HashMap<>();
        if (ids.isEmpty()) {
            return mails;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OPEN_MAILS)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray(UUID[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = (UUID) rs.getObject(1);
                    mails.put(id, new SealedMail(id, rs.getBytes(2), rs.getBytes(3), rs.getBytes(4), rs.getBytes(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read deliveries", e);
        }
        return mails;
    }

    /** An email delivery as stored: address and mail encrypted, bound to its row and field. */
    public record SealedMail(UUID id, byte[] address, byte[] subject, byte[] bodyText, byte[] bodyHtml) {
    }

    /** The recipient address and mail of a stored email delivery, decrypted. */
    public Mail open(SealedMail m) {
        String bound = "delivery:" + m.id() + ":";
        var cipher = ciphers.atRest();
        return new Mail(cipher.decrypt(m.address(), bound + "address"),
                new MailRenderer.Rendered(cipher.decrypt(m.subject(), bound + "subject"),
                        cipher.decrypt(m.bodyText(), bound + "body_text"),
                        cipher.decrypt(m.bodyHtml(), bound + "body_html")));
    }

    public Optional<Delivery> find(UUID id) {
        return findByIdOptional(id);
    }

    /** An opened email delivery. */
    public record Mail(String to, MailRenderer.Rendered content) {
    }

    public List<Delivery> ofProject(String projectSlug, int limit) {
        return find("from Delivery d where d.projectSlug = ?1 order by d.createdAt desc, d.id", projectSlug)
                .range(0, limit - 1).list();
    }
}
