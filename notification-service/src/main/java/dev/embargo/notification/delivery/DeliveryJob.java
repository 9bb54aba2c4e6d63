package dev.embargo.notification.delivery;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
 * it. Emails go out one after another; each webhook call runs on its own virtual thread with a timeout, so one slow
 * endpoint never delays the others. A row is marked sent only after the send succeeded, so a crash in between re-sends
 * that row once its claim lease expired (at least once for that window; webhook receivers deduplicate on
 * {@code webhook-id}, which stays the same across attempts).
 */
@ApplicationScoped
class DeliveryJob {

    private final Deliveries deliveries;
    private final DeliveryOutcomes outcomes;
    private final DeliveryConfig config;
    private final Clock clock;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final ExecutorService async = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean wakePending = new AtomicBoolean();

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
     * Wake-ups that arrive while one is pending are folded into it; a run concurrent with the scheduled one is safe
     * because claims skip rows another run holds.
     */
    void wake(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveriesQueued queued) {
        if (wakePending.compareAndSet(false, true)) {
            async.submit(() -> {
                wakePending.set(false);
                scheduled();
            });
        }
    }

    @Scheduled(every = "{embargo.delivery.interval}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            Log.warnf("delivery run failed, will retry: %s", e.getClass().getSimpleName());
        }
    }

    /**
     * Claims what is due now and attempts it.
     *
     * @return how many deliveries were claimed
     */
    public int deliverDue() {
        List<Deliveries.Claim> claims = deliveries.claimDue(clock.instant(), config);
        for (Deliveries.Claim claim : claims) {
            if (claim.channel() == Channel.WEBHOOK) {
                async.submit(() -> attempt(claim));
            } else {
                attempt(claim);
            }
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
        try {
            boolean gaveUp = outcomes.record(claim, outcome);
            if (!outcome.delivered()) {
                Log.infof("delivery %s (%s) not delivered: %s%s", claim.id(), claim.channel(), outcome.error(),
                        gaveUp ? "; given up" : "; will retry");
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
