package dev.embargo.notification;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.notification.delivery.Deliveries;
import dev.embargo.notification.mail.MailRenderer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With the periodic run switched off, only the after-commit wake-up can send what a transaction queued. */
@QuarkusTest
@TestProfile(DeliveryWakeUpTest.NoPeriodicRun.class)
class DeliveryWakeUpTest {

    public static class NoPeriodicRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("embargo.delivery.interval", "off");
        }
    }

    @Inject
    Deliveries deliveries;

    @Test
    void aQueuedMailGoesOutOnceItsTransactionCommitted() {
        String address = "wake-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        var about = new Deliveries.About(UUID.randomUUID().toString(), "case.triaged", "wake-up", null);

        QuarkusTransaction.requiringNew().run(() -> deliveries.enqueueEmail(about, "reporter", address,
                new MailRenderer.Rendered("[Embargo] wake-up", "text", "<p>html</p>")));

        assertThat(Fixtures.awaitMail(address, 1), hasSize(1));
    }
}
