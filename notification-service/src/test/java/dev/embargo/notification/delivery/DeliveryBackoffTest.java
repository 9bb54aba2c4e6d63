package dev.embargo.notification.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DeliveryBackoffTest {

    @Test
    void waitDoublesAfterEachFailureUpToTheCap() {
        Duration base = Duration.ofSeconds(30);
        Duration cap = Duration.ofMinutes(10);
        assertEquals(Duration.ofSeconds(30), Delivery.backoffAfter(1, base, cap));
        assertEquals(Duration.ofSeconds(60), Delivery.backoffAfter(2, base, cap));
        assertEquals(Duration.ofSeconds(240), Delivery.backoffAfter(4, base, cap));
        assertEquals(cap, Delivery.backoffAfter(6, base, cap));
        assertEquals(cap, Delivery.backoffAfter(500, base, cap));
    }
}
