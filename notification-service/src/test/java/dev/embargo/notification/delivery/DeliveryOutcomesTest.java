package dev.embargo.notification.delivery;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/** Recording an outcome survives a database that is briefly unreachable, and gives up after a bounded time. */
@QuarkusTest
class DeliveryOutcomesTest {

    @Inject
    DeliveryOutcomes outcomes;

    /**
     * A delivery log whose recording of one delivery fails a given number of times, as while the database restarts.
     * Only that delivery's attempts count: the service's own delivery job may record others meanwhile.
     */
    private static final class Unreachable extends Deliveries {
        final AtomicInteger calls = new AtomicInteger();
        final UUID delivery = UUID.randomUUID();
        private final int failures;

        Unreachable(int failures) {
            super(null, null, null, null, null, null);
            this.failures = failures;
        }

        @Override
        boolean record(UUID id, ChannelSender.Outcome outcome, Instant now, Delivery.RetrySchedule schedule) {
            if (!id.equals(delivery)) {
                throw new IllegalStateException("database unreachable");
            }
            if (calls.incrementAndGet() <= failures) {
                throw new IllegalStateException("database unreachable");
            }
            return false;
        }
    }

    @Test
    void recordingIsRetriedUntilTheDatabaseAnswers() {
        var deliveries = new Unreachable(2);
        QuarkusMock.installMockForType(deliveries, Deliveries.class);
        long started = System.nanoTime();

        outcomes.record(new Deliveries.Claim(deliveries.delivery, Channel.EMAIL, null), ChannelSender.Outcome.ok());

        assertThat(deliveries.calls.get(), greaterThanOrEqualTo(3));
        // Spaced, not a busy loop: two waits between three attempts.
        assertThat(Duration.ofNanos(System.nanoTime() - started).toMillis(), greaterThanOrEqualTo(1_500L));
    }

    @Test
    void recordingGivesUpAfterItsBoundedTime() {
        var deliveries = new Unreachable(Integer.MAX_VALUE);
        QuarkusMock.installMockForType(deliveries, Deliveries.class);

        assertThrows(IllegalStateException.class, () -> outcomes
                .record(new Deliveries.Claim(deliveries.delivery, Channel.EMAIL, null), ChannelSender.Outcome.ok()));
        assertThat(deliveries.calls.get(), greaterThanOrEqualTo(3));
    }
}
