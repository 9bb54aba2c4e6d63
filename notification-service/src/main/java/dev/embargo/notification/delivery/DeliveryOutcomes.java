package dev.embargo.notification.delivery;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Records the outcome of attempts. The outcome must be recorded, or the claim lease runs out and a delivered message
 * goes out again; while the database is briefly unreachable (a restart, a failover) recording is retried for a bounded
 * time. Its own bean, so the retry wraps the whole recording transaction, commit included.
 */
@ApplicationScoped
class DeliveryOutcomes {

    private final Deliveries deliveries;
    private final Delivery.RetrySchedule schedule;
    private final Clock clock;

    DeliveryOutcomes(Deliveries deliveries, DeliveryConfig config, Clock clock) {
        this.deliveries = deliveries;
        this.schedule = Delivery.RetrySchedule.of(config);
        this.clock = clock;
    }

    /** @return true when a failed delivery was given up */
    @Retry(maxRetries = -1, maxDuration = 60, durationUnit = ChronoUnit.SECONDS, delay = 1, delayUnit = ChronoUnit.SECONDS)
    boolean record(Deliveries.Claim claim, ChannelSender.Outcome outcome) {
        return deliveries.record(claim.id(), outcome, clock.instant(), schedule);
    }

    /** Records a batch of successful attempts in one statement, retried like {@link #record}. */
    @Retry(maxRetries = -1, maxDuration = 60, durationUnit = ChronoUnit.SECONDS, delay = 1, delayUnit = ChronoUnit.SECONDS)
    int recordSent(List<Deliveries.Sent> sent) {
        return deliveries.recordSent(sent);
    }
}
