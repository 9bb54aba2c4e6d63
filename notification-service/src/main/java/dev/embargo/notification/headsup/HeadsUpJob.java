package dev.embargo.notification.headsup;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/** Finds due heads-ups; the logic is {@link HeadsUps#releaseDue}, which tests call with their own instant. */
@ApplicationScoped
class HeadsUpJob {

    private final HeadsUps headsUps;
    private final Clock clock;

    HeadsUpJob(HeadsUps headsUps, Clock clock) {
        this.headsUps = headsUps;
        this.clock = clock;
    }

    @Scheduled(every = "{embargo.heads-up.interval}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            int released = headsUps.releaseDue(clock.instant());
            if (released > 0) {
                Log.infof("released %d heads-up notice(s)", released);
            }
        } catch (RuntimeException e) {
            Log.warnf("heads-up run failed, will retry: %s", e.getClass().getSimpleName());
        }
    }
}
