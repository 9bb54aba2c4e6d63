package dev.embargo.platform.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Steady submission from a background thread: one report every {@code period} to a demo project, each with its own
 * reporter address, until stopped or {@code max} reports were tried. Bounded in count and time.
 */
final class Load implements AutoCloseable {

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final Map<String, String> accepted = new ConcurrentHashMap<>(); // tracking id -> reporter email
    final List<Integer> refusals = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger tried = new AtomicInteger();
    private final Thread thread;

    Load(Api api, Duration period, int max) {
        thread = Thread.ofPlatform().daemon().start(() -> {
            while (running.get() && tried.get() < max) {
                int n = tried.incrementAndGet();
                String email = "load-" + run + "-" + n + "@example.org";
                try {
                    var result = api.submit("pod", Api.report("Load report " + run + " #" + n,
                            "A report submitted by the fault tests to check that nothing is lost or doubled. Run " + run
                                    + " number " + n + ".",
                            email, "Load Tester"));
                    if (result.status() == 201) {
                        accepted.put(result.trackingId(), email);
                    } else {
                        refusals.add(result.status());
                    }
                } catch (RuntimeException e) {
                    refusals.add(-1);
                }
                Platform.sleep(period.toMillis());
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(Duration.ofSeconds(60));
    }

    int tried() {
        return tried.get();
    }
}
