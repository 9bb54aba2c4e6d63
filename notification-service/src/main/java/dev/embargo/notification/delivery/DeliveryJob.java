package dev.embargo.notification.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Works through the delivery log after commit: a rolled-back consumer transaction left no row, so nothing is sent for
 * it. One run at a time per instance claims a batch; its emails are read in one query, sent a bounded number at a time
 * over pooled SMTP connections, and those delivered are marked sent in one statement. Each webhook call runs on its own
 * virtual thread with a timeout, so one slow endpoint never delays the others. A row is marked sent only after the send
 * succeeded, so a crash in between re-sends that row once its claim lease expired (at least once for that window;
 * webhook receivers deduplicate on {@code webhook-id}, which stays the same across attempts). A run that claimed a full
 * batch, or was woken meanwhile, is followed at once by the next, so a backlog drains without waiting for the interval.
 */
@ApplicationScoped
class DeliveryJob {

    private final Deliveries deliveries;
    private final DeliveryOutcomes outcomes;
    private final DeliveryConfig config;
    private final Clock clock;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final ExecutorService async = Executors.newVirtualThreadPerTaskExecutor();
    /** A drain is running on {@link #async}. */
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Something may have become due since the running drain last claimed. */
    private final AtomicBoolean again = new AtomicBoolean();

    DeliveryJob(Deliveries deliveries, DeliveryOutcomes outcomes, DeliveryConfig config, Clock clock,
            Instance<ChannelSender> senders) {
        this.deliveries = deliveries;
        this.outcomes = outcomes;
        this.config = config;
        this.clock = clock;
        senders.forEach(s -> this.senders.put(s.channel(), s));
    }

    /**
     * Called after a transaction that queued deliveries committed: a run starts now instead of at the next schedule.
     * Wake-ups that arrive while a run is going are folded into one more run after it.
     */
    void wake(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveriesQueued queued) {
        kick();
    }

    /** Picks up what became due without a wake-up: retries after their backoff, rows of a crashed instance. */
    @Scheduled(every = "{embargo.delivery.interval}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        kick();
    }

    private void kick() {
        again.set(true);
        if (draining.compareAndSet(false, true)) {
            async.submit(this::drain);
        }
    }

    /**
     * Runs until a run claimed less than a full batch and nobody woke it meanwhile. Before a run that a wake-up asked
     * for it waits {@code wake-delay}, so what commits meanwhile joins that run's batch.
     */
    private void drain() {
        pause();
        while (true) {
            again.set(false);
            int claimed;
            try {
                claimed = deliverDue();
            } catch (RuntimeException e) {
                // The database is away: the next schedule tries again, no busy loop meanwhile.
                Log.warnf("delivery run failed, will retry: %s", e.getClass().getSimpleName());
                draining.set(false);
                return;
            }
            if (claimed >= config.batchSize()) {
                continue;
            }
            if (again.get()) {
                pause();
                continue;
            }
            draining.set(false);
            // A wake-up between the check and the reset found the drain still running: take it over.
            if (!again.get() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void pause() {
        long millis = config.wakeDelay().toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                // Shutting down: this run still claims, and what it claims is recorded or its lease runs out.
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Claims what is due now and attempts it: emails as one batch (returns once they are sent and recorded), webhooks
     * each on its own thread.
     *
     * @return how many deliveries were claimed
     */
    public int deliverDue() {
        List<Deliveries.Claim> claims = deliveries.claimDue(clock.instant(), config);
        List<Deliveries.Claim> emails = new ArrayList<>(claims.size());
        for (Deliveries.Claim claim : claims) {
            if (claim.channel() == Channel.EMAIL) {
                emails.add(claim);
            } else {
                async.submit(() -> attempt(claim));
            }
        }
        if (!emails.isEmpty()) {
            attemptAll(emails);
        }
        return claims.size();
    }

    private void attempt(Deliveries.Claim claim) {
        ChannelSender sender = senders.get(claim.channel());
        ChannelSender.Outcome outcome;
        try {
            outcome = sender == null ? ChannelSender.Outcome.giveUp("no-sender") : sender.attempt(claim.id());
        } catch (RuntimeException e) {
            outcome = ChannelSender.Outcome.retry("error: " + e.getClass().getSimpleName());
        }
        recordOne(claim, outcome);
    }

    /** One channel's claims together; the delivered ones recorded in one statement, the others one by one. */
    private void attemptAll(List<Deliveries.Claim> claims) {
        ChannelSender sender = senders.get(claims.get(0).channel());
        List<UUID> ids = claims.stream().map(Deliveries.Claim::id).toList();
        List<ChannelSender.Outcome> results;
        try {
            results = sender == null ? null : sender.attemptAll(ids);
        } catch (RuntimeException e) {
            // Nothing of the batch is known to be sent: each is retried by its own schedule.
            ChannelSender.Outcome failed = ChannelSender.Outcome.retry("error: " + e.getClass().getSimpleName());
            claims.forEach(c -> recordOne(c, failed));
            return;
        }
        List<Deliveries.Sent> sent = new ArrayList<>(claims.size());
        var now = clock.instant();
        for (int i = 0; i < claims.size(); i++) {
            ChannelSender.Outcome outcome = results == null ? ChannelSender.Outcome.giveUp("no-sender")
                    : results.get(i);
            if (outcome.delivered()) {
                sent.add(new Deliveries.Sent(claims.get(i).id(), now));
            } else {
                recordOne(claims.get(i), outcome);
            }
        }
        if (!sent.isEmpty()) {
            try {
                outcomes.recordSent(sent);
            } catch (RuntimeException e) {
                // The claim leases run out and the rows are tried again: at least once, never lost.
                Log.warnf("could not record %d sent deliveries: %s", sent.size(), e.getClass().getSimpleName());
            }
        }
    }

    /** Records one outcome: a failed email, or a webhook call whichever way it went. */
    private void recordOne(Deliveries.Claim claim, ChannelSender.Outcome outcome) {
        try {
            boolean gaveUp = outcomes.record(claim, outcome);
            if (!outcome.delivered()) {
                // Operators follow failures on embargo.deliveries.failed; a line per retry only when debugging.
                if (gaveUp) {
                    Log.warnf("delivery %s (%s) not delivered: %s; given up", claim.id(), claim.channel(),
                            outcome.error());
                } else {
                    Log.debugf("delivery %s (%s) not delivered: %s; will retry", claim.id(), claim.channel(),
                            outcome.error());
                }
            }
        } catch (RuntimeException e) {
            // The claim lease runs out and the row is tried again: at least once, never lost.
            Log.warnf("could not record the outcome of delivery %s: %s", claim.id(), e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void stop() {
        async.shutdownNow();
    }
}
