package dev.embargo.platform.outbox;

import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/** Skips relay runs while {@code embargo.outbox.enabled=false}. */
@Singleton
class RelayDisabled implements Scheduled.SkipPredicate {

    private final OutboxConfig config;

    RelayDisabled(OutboxConfig config) {
        this.config = config;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !config.enabled();
    }
}
