package dev.embargo.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

/** One notification to one recipient over one channel, and how its delivery went. */
@Entity
@Table(name = "delivery")
public class Delivery {

    public enum Status {
        PENDING, SENT, FAILED
    }

    @Id
    private UUID id;
    @Column(name = "event_id")
    private String eventId;
    @Column(name = "event_type")
    private String eventType;
    @Column(name = "project_slug")
    private String projectSlug;
    @Column(name = "tracking_id")
    private String trackingId;
    private String recipient;
    @Enumerated(EnumType.STRING)
    private Channel channel;
    @Column(name = "endpoint_id")
    private UUID endpointId;
    private byte[] address;
    private byte[] subject;
    @Column(name = "body_text")
    private byte[] bodyText;
    @Column(name = "body_html")
    private byte[] bodyHtml;
    private String payload;
    @Enumerated(EnumType.STRING)
    private Status status;
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "claimed_until")
    private Instant claimedUntil;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "sent_at")
    private Instant sentAt;
    @Transient
    private final List<DeliverySettled> registered = new ArrayList<>();

    protected Delivery() {
    }

    /**
     * How a failed delivery is tried again: the wait after each failure doubles from {@code backoff} up to
     * {@code maxBackoff}, and after {@code maxAttempts} attempts it is given up. Persisted as the row's next attempt
     * time, so it survives restarts.
     */
    record RetrySchedule(int maxAttempts, Duration backoff, Duration maxBackoff) {

        static RetrySchedule of(DeliveryConfig config) {
            return new RetrySchedule(config.maxAttempts(), config.backoff(), config.maxBackoff());
        }

        /** Wait after the given number of failed attempts: backoff, 2×, 4×, … capped at maxBackoff. */
        Duration waitAfter(int failedAttempts) {
            int doublings = Math.min(failedAttempts - 1, 30);
            Duration wait = backoff.multipliedBy(1L << doublings);
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    /**
     * Records a successful attempt and registers {@link DeliverySettled}. Only a pending delivery changes: an outcome
     * recorded again (a retry after a commit whose answer was lost, a late attempt after the delivery was given up)
     * changes nothing, so recording stays safe to repeat.
     */
    void delivered(Instant now) {
        if (status != Status.PENDING) {
            return;
        }
        attempts++;
        status = Status.SENT;
        sentAt = now;
        claimedUntil = null;
        lastError = null;
        registered.add(new DeliverySettled(id, channel, endpointId, true));
    }

    /**
     * Records a failed attempt and schedules the next one by the retry schedule; after the last attempt (or a permanent
     * failure) the delivery is given up and registers {@link DeliverySettled}. Like {@link #delivered}, repeatable.
     *
     * @return true when this was the last attempt and the delivery was given up
     */
    boolean attemptFailed(String error, boolean permanent, Instant now, RetrySchedule schedule) {
        if (status != Status.PENDING) {
            return false;
        }
        attempts++;
        lastError = error;
        claimedUntil = null;
        if (permanent || attempts >= schedule.maxAttempts()) {
            status = Status.FAILED;
            registered.add(new DeliverySettled(id, channel, endpointId, false));
            return true;
        }
        nextAttemptAt = now.plus(schedule.waitAfter(attempts));
        return false;
    }

    /** The events registered since the last call, handed over once. */
    List<DeliverySettled> releaseEvents() {
        List<DeliverySettled> released = List.copyOf(registered);
        registered.clear();
        return released;
    }

    public UUID id() {
        return id;
    }

    public String eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    public String projectSlug() {
        return projectSlug;
    }

    public String trackingId() {
        return trackingId;
    }

    public String recipient() {
        return recipient;
    }

    public Channel channel() {
        return channel;
    }

    public UUID endpointId() {
        return endpointId;
    }

    public String payload() {
        return payload;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant sentAt() {
        return sentAt;
    }
}
