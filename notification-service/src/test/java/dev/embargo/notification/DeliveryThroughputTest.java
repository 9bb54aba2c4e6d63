package dev.embargo.notification;

import static dev.embargo.notification.Fixtures.awaitProject;
import static dev.embargo.notification.Fixtures.email;
import static dev.embargo.notification.Fixtures.member;
import static dev.embargo.notification.Fixtures.policy;
import static dev.embargo.notification.Fixtures.report;
import static dev.embargo.notification.Fixtures.slug;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.is;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import dev.embargo.events.ProjectMembershipChanged.Role;
import dev.embargo.events.ReportSubmitted;
import dev.embargo.notification.delivery.Deliveries;
import dev.embargo.notification.mail.MailRenderer;
import dev.embargo.platform.crypto.Ciphers;
import dev.embargo.testing.MailTestResource;
import dev.embargo.testing.TestEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Many queued mails all go out, each exactly once and marked sent once; prints how fast and at what CPU cost (printed,
 * never asserted: the machine is shared). {@code -Dembargo.perf.mails=N} changes the size.
 */
@QuarkusTest
class DeliveryThroughputTest {

    private static final int MAILS = Integer.getInteger("embargo.perf.mails", 2_000);
    private static final Duration WAIT = Duration.ofMinutes(5);

    @Inject
    Deliveries deliveries;

    @Inject
    Ciphers ciphers;

    @Test
    void aLargeBacklogOfQueuedMailsIsAllSentAndMarkedOnce() {
        queueAndSend(200, "warm-up");
        queueAndSend(MAILS, "queued");
    }

    /** The bench's shape: report.submitted events, each a mail to the reporter and one to the maintainer. */
    @Test
    void reportsThroughTheConsumerAllReachReporterAndMaintainer() {
        reports(100, "warm-up");
        reports(MAILS / 2, "measured");
    }

    private void reports(int reports, String label) {
        String slug = slug();
        String maintainer = email("maint");
        member(slug, "maint-" + slug, Role.MAINTAINER, maintainer);
        policy(slug, false, 7);
        awaitProject(slug, 1, true);
        Map<String, Integer> expected = new ConcurrentHashMap<>();
        expected.put(maintainer.toLowerCase(), reports);
        var submitted = new ArrayList<ReportSubmitted>();
        for (int i = 0; i < reports; i++) {
            String reporter = email("rep" + i);
            expected.put(reporter.toLowerCase(), 1);
            submitted.add(report(ciphers, UUID.randomUUID().toString(), slug,
                    slug.toUpperCase(Locale.ROOT) + "-2026-" + (10_000 + i), reporter, "Title " + i));
        }
        Meter meter = Meter.start();
        submitted.forEach(TestEvents::publish);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> Fixtures.count(
                        "SELECT count(*) FROM notification.delivery WHERE project_slug = ? AND status = 'SENT'",
                        slug) == 2L * reports);
        meter.print(label + " report.submitted -> 2 mails (consumer, render, queue, send)", 2 * reports);
        assertEachReceivedExactly(expected);
        assertEachMarkedSentOnce(slug, label);
    }

    private void queueAndSend(int mails, String label) {
        String slug = slug();
        Map<String, Integer> expected = new HashMap<>();
        var content = new MailRenderer.Rendered("[Embargo] " + slug + ": throughput", "text body\n".repeat(20),
                "<p>html body</p>".repeat(20));
        QuarkusTransaction.requiringNew().timeout(600).run(() -> {
            for (int i = 0; i < mails; i++) {
                String address = "t" + i + "-" + slug + "@example.org";
                expected.put(address, 1);
                deliveries.enqueueEmail(new Deliveries.About(UUID.randomUUID().toString(), "case.triaged", slug, null),
                        "reporter", address, content);
            }
        });
        // From the commit on: the after-commit wake-up and the sender job do the rest.
        Meter meter = Meter.start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> Fixtures.count(
                        "SELECT count(*) FROM notification.delivery WHERE project_slug = ? AND status = 'SENT'",
                        slug) == mails);
        meter.print(label + " deliveries -> SMTP", mails);
        assertEachReceivedExactly(expected);
        assertEachMarkedSentOnce(slug, label);
    }

    /**
     * Every row is sent, stamped and released. A row may have needed a second attempt: a send that failed (an SMTP
     * timeout on a cold, loaded machine) is retried by design, and {@link #assertEachReceivedExactly} has already shown
     * that no mail went out twice. Such retries are printed, with their reason in the sender job's debug line.
     */
    private static void assertEachMarkedSentOnce(String slug, String label) {
        assertThat("deliveries not stamped sent, or still claimed",
                Fixtures.count("SELECT count(*) FROM notification.delivery WHERE project_slug = ?"
                        + " AND (sent_at IS NULL OR claimed_until IS NOT NULL)", slug),
                is(0L));
        long retried = Fixtures
                .count("SELECT count(*) FROM notification.delivery WHERE project_slug = ? AND attempts > 1", slug);
        if (retried > 0) {
            System.out.printf("[throughput] %s: %d deliveries were sent on a later attempt, after a failed one%n",
                    label, retried);
        }
    }

    /** Every expected address got exactly its number of mails: none missing, none sent twice. */
    private static void assertEachReceivedExactly(Map<String, Integer> expected) {
        Map<String, Integer> left = new HashMap<>(expected);
        Map<String, Integer> extra = new HashMap<>();
        Set<String> addresses = expected.keySet();
        for (MimeMessage m : MailTestResource.greenMail().getReceivedMessages()) {
            try {
                for (var r : m.getAllRecipients()) {
                    String a = r.toString().toLowerCase();
                    if (!addresses.contains(a)) {
                        continue;
                    }
                    Integer n = left.merge(a, -1, Integer::sum);
                    if (n == 0) {
                        left.remove(a);
                    } else if (n < 0) {
                        extra.merge(a, 1, Integer::sum);
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        left.entrySet().removeIf(e -> e.getValue() < 0);
        assertThat("missing mails", left, is(anEmptyMap()));
        assertThat("mails sent twice", extra, is(anEmptyMap()));
    }

    /** Wall time and process CPU, with the in-JVM GreenMail and Kafka broker threads shown apart. */
    private record Meter(long wallStart, long cpuStart, Map<Long, Long> threadsStart, Map<Long, String> names) {

        static Meter start() {
            Map<Long, String> names = new ConcurrentHashMap<>();
            return new Meter(System.nanoTime(), processCpu(), threadCpu(names), names);
        }

        void print(String label, int mails) {
            double wall = (System.nanoTime() - wallStart) / 1e9;
            double cpuMs = (processCpu() - cpuStart) / 1e6;
            Map<Long, Long> end = threadCpu(names);
            double sinkMs = 0;
            double brokerMs = 0;
            Map<String, Double> byGroup = new HashMap<>();
            for (var e : end.entrySet()) {
                double ms = (e.getValue() - threadsStart.getOrDefault(e.getKey(), 0L)) / 1e6;
                String name = names.get(e.getKey());
                String group = name.replaceAll("[0-9]+", "#");
                byGroup.merge(group, ms, Double::sum);
                if (isSink(name)) {
                    sinkMs += ms;
                } else if (isBroker(name)) {
                    brokerMs += ms;
                }
            }
            double service = cpuMs - sinkMs - brokerMs;
            System.out.printf("%n[throughput] %s: %d mails in %.2f s = %.0f mails/s; process CPU %.2f ms/mail,"
                    + " of which SMTP sink (GreenMail) %.2f, Kafka broker %.2f, the rest (notification) %.2f ms/mail%n",
                    label, mails, wall, mails / wall, cpuMs / mails, sinkMs / mails, brokerMs / mails, service / mails);
            byGroup.entrySet().stream().sorted(Map.Entry.<String, Double> comparingByValue().reversed()).limit(12)
                    .forEach(e -> System.out.printf("[throughput]   %-60s %8.0f ms%n", e.getKey(), e.getValue()));
        }

        private static boolean isSink(String name) {
            return name.startsWith("smtp") || name.contains("greenmail") || name.contains("GreenMail");
        }

        private static boolean isBroker(String name) {
            return name.contains("kafka") && !name.contains("consumer") && !name.contains("producer")
                    || name.startsWith("data-plane") || name.startsWith("raft") || name.contains("Replica")
                    || name.startsWith("ExpirationReaper") || name.startsWith("group-coordinator")
                    || name.startsWith("transaction") || name.startsWith("broker-") || name.startsWith("controller-")
                    || name.startsWith("quorum") || name.startsWith("LogDirFailureHandler")
                    || name.startsWith("executor-") || name.startsWith("share-");
        }

        private static long processCpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        private static Map<Long, Long> threadCpu(Map<Long, String> names) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<Long, Long> out = new HashMap<>();
            for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    out.put(info.getThreadId(), cpu);
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
            return out;
        }
    }
}
