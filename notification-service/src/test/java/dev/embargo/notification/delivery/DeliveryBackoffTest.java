package dev.embargo.notification.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DeliveryBackoffTest {

    @Test
    void waitDoublesAfterEachFailureUpToTheCap() {
        var schedule = new Delivery.RetrySchedule(8, Duration.ofSeconds(30), Duration.ofMinutes(10));
        assertEquals(Duration.ofSeconds(30), schedule.waitAfter(1));
        assertEquals(Duration.ofSeconds(60), schedule.waitAfter(2));
        assertEquals(Duration.ofSeconds(240), schedule.waitAfter(4));
        assertEquals(Duration.ofMinutes(10), schedule.waitAfter(6));
        assertEquals(Duration.ofMinutes(10), schedule.waitAfter(500));
    }
}
