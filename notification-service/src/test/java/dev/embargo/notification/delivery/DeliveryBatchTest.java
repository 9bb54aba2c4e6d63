package dev.embargo.notification.delivery;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.junit.jupiter.api.Test;

import dev.embargo.notification.mail.MailRenderer;
import dev.embargo.notification.mail.MailSender;
import dev.embargo.testing.MailTestResource;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A claimed batch of mails is sent together and marked together; sends that fail within the batch are retried by their
 * own schedule, never lost and never marked sent, and those that went out are marked once and never sent again.
 */
@QuarkusTest
class DeliveryBatchTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Deliveries deliveries;

    @Inject
    Mailer mailer;

    /** Real SMTP (GreenMail), except for the addresses it is told to fail, as an SMTP server refusing them would. */
    static final class Flaky extends MailSender {
        final AtomicBoolean down = new AtomicBoolean();
        final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        final Map<String, Integer> attempts = new ConcurrentHashMap<>();

        Flaky(Mailer mailer) {
            super(mailer);
        }

        @Override
        public void send(String to, MailRenderer.Rendered mail) {
            attempts.merge(to, 1, Integer::sum);
            if (down.get()) {
                throw new IllegalStateException("smtp unreachable");
            }
            if (to.startsWith("flaky-") && failedOnce.add(to)) {
                throw new IllegalStateException("451 try again later");
            }
            super.send(to, mail);
        }
    }

    @Test
    void inABatchTheSentAreMarkedOnceTheFailedRetriedAndTheUnsendableGivenUp() {
        var sender = new Flaky(mailer);
        QuarkusMock.installMockForType(sender, MailSender.class);
        String tag = tag();
        List<String> fine = addresses("fine-", tag, 60);
        List<String> flaky = addresses("flaky-", tag, 15);
        String unsafe = "evil-" + tag + "@example.org\r\nBcc: victim@example.org";
        Map<String, UUID> ids = queue(tag, concat(fine, flaky, List.of(unsafe)));

        await().atMost(WAIT)
                .until(() -> fine.stream().allMatch(a -> status(ids.get(a)) == Delivery.Status.SENT)
                        && flaky.stream().allMatch(a -> status(ids.get(a)) == Delivery.Status.SENT)
                        && status(ids.get(unsafe)) == Delivery.Status.FAILED);

        for (String a : fine) {
            Delivery d = delivery(ids.get(a));
            assertThat(a, d.attempts(), is(1));
            assertThat(a, d.sentAt() != null, is(true));
            assertThat(a, received(a), is(1));
            assertThat(a, sender.attempts.get(a), is(1));
        }
        for (String a : flaky) {
            Delivery d = delivery(ids.get(a));
            assertThat(a, d.attempts(), is(2));
            assertThat(a, d.lastError(), is(nullValue()));
            assertThat(a, received(a), is(1));
        }
        Delivery refused = delivery(ids.get(unsafe));
        assertThat(refused.attempts(), is(1));
        assertThat(refused.lastError(), is("unsafe-header"));
    }

    @Test
    void whileSmtpIsDownTheBatchStaysQueuedAndGoesOutOnceWhenItIsBack() {
        var sender = new Flaky(mailer);
        sender.down.set(true);
        QuarkusMock.installMockForType(sender, MailSender.class);
        String tag = tag();
        List<String> all = addresses("down-", tag, 40);
        Map<String, UUID> ids = queue(tag, all);

        // Every row failed at least twice (retried by its backoff), none given up, none marked sent.
        await().atMost(WAIT).until(() -> all.stream().allMatch(a -> delivery(ids.get(a)).attempts() >= 2));
        List<Delivery.Status> statuses = all.stream().map(a -> status(ids.get(a))).toList();
        assertThat(statuses, everyItem(is(Delivery.Status.PENDING)));
        assertThat(all.stream().mapToInt(DeliveryBatchTest::received).sum(), is(0));

        sender.down.set(false);
        await().atMost(WAIT).until(() -> all.stream().allMatch(a -> status(ids.get(a)) == Delivery.Status.SENT));
        for (String a : all) {
            assertThat(a, received(a), is(1));
            assertThat(a, delivery(ids.get(a)).attempts(), greaterThanOrEqualTo(3));
        }
    }

    private Map<String, UUID> queue(String tag, List<String> addresses) {
        var content = new MailRenderer.Rendered("[Embargo] batch " + tag, "text", "<p>html</p>");
        String eventId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < addresses.size(); i++) {
                deliveries.enqueueEmail(new Deliveries.About(eventId, "case.triaged", tag, null), "r" + i,
                        addresses.get(i), content);
            }
        });
        return addresses.stream()
                .collect(
                        Collectors.toMap(Function.identity(),
                                a -> QuarkusTransaction.requiringNew().call(() -> deliveries
                                        .find("recipient = ?1 and eventId = ?2", "r" + addresses.indexOf(a), eventId)
                                        .singleResult().id())));
    }

    private Delivery.Status status(UUID id) {
        return delivery(id).status();
    }

    private Delivery delivery(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.find(id).orElseThrow());
    }

    private static String tag() {
        return "b" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> addresses(String prefix, String tag, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i + "-" + tag + "@example.org");
        }
        return out;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    private static int received(String address) {
        int n = 0;
        for (var m : MailTestResource.greenMail().getReceivedMessages()) {
            try {
                for (var r : m.getAllRecipients()) {
                    if (r.toString().equalsIgnoreCase(address)) {
                        n++;
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return n;
    }
}
