package dev.embargo.intake;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.embargo.testing.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Prints submission throughput at 16 concurrent clients against one project, next to a JDBC ceiling doing the same
 * writes per transaction as {@code bench/run}'s pgbench script, on the same embedded PostgreSQL. Figures only, no
 * assertions: timings on a shared build machine are no verdict. Off unless {@code -Dembargo.load-figures=true}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "embargo.load-figures", matches = "true")
class SubmissionLoadFigures {

    static final int CLIENTS = 16;
    static final Duration WARM_UP = Duration.ofSeconds(3);
    static final Duration PHASE = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void printsAcceptedSubmissionsPerSecondNextToTheDatabaseCeiling() throws Exception {
        var project = Fixtures.projectWithExamplePolicy("pod");
        URI uri = URI.create("http://127.0.0.1:" + base.getPort() + project.path() + "/reports");
        run(uri, WARM_UP);
        Result intake = run(uri, PHASE);
        double ceiling = jdbcCeiling(PHASE);
        System.out.printf("%n=== intake load figures (%d concurrent, %d s, 127.0.0.1) ===%n", CLIENTS,
                PHASE.toSeconds());
        System.out.printf("intake: %.0f accepted/s (p50 %.1f ms, p99 %.1f ms, not accepted %d)%n", intake.perSecond(),
                intake.p(0.50), intake.p(0.99), intake.notAccepted());
        System.out.printf("JDBC ceiling, same writes per transaction: %.0f tps%n", ceiling);
        System.out.printf("intake / ceiling: %.0f %%%n%n", 100 * intake.perSecond() / ceiling);
    }

    record Result(double perSecond, List<Double> latencies, int notAccepted) {
        double p(double q) {
            return latencies.isEmpty() ? Double.NaN
                    : latencies.get(Math.min(latencies.size() - 1, (int) Math.floor(q * latencies.size())));
        }
    }

    private Result run(URI uri, Duration phase) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        var accepted = new AtomicInteger();
        var other = new AtomicInteger();
        long deadline = System.nanoTime() + phase.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < CLIENTS; w++) {
                pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        int status = post(uri);
                        latencies.add((System.nanoTime() - t0) / 1e6);
                        (status == 201 ? accepted : other).incrementAndGet();
                    }
                    return null;
                });
            }
        }
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(accepted.get() / (double) phase.toSeconds(), sorted, other.get());
    }

    /** The body bench/run sends, from a fresh client address each time (loopback is a trusted proxy in tests). */
    private int post(URI uri) throws Exception {
        var rnd = ThreadLocalRandom.current();
        String n = Long.toHexString(rnd.nextLong());
        String body = """
                {"title": "Benchmark report %s", "component": "core", "versionTested": "latest",
                 "description": "A benchmark submission, long enough for every example policy's minimum description length, describing a reproducible issue %s.",
                 "impact": "Benchmark impact statement.", "stepsToReproduce": "1. run the benchmark 2. observe",
                 "proofOfConcept": "curl http://127.0.0.1/bench", "suggestedFix": "none",
                 "reporterEmail": "bench-%s@example.org", "credit": {"visibility": "NONE"}}
                """
                .formatted(n, n, n);
        String client = "10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(1, 255);
        var request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-Forwarded-For", client).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** What one accepted submission writes, as bench/run's pgbench script does it, from 16 connections. */
    private static double jdbcCeiling(Duration phase) throws Exception {
        try (Connection c = TestDatabase.superuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS bench_ceiling CASCADE");
            s.execute("CREATE SCHEMA bench_ceiling");
            s.execute("CREATE TABLE bench_ceiling.reports (id uuid PRIMARY KEY, project_id uuid, tracking_id text,"
                    + " submitted_at timestamptz, content bytea, contact bytea, token_hash text)");
            s.execute("CREATE TABLE bench_ceiling.fields (report_id uuid, field int, value bytea)");
            s.execute("CREATE TABLE bench_ceiling.outbox (id uuid PRIMARY KEY, topic text, message_key text,"
                    + " payload bytea, created_at timestamptz, sent_at timestamptz, seq bigserial)");
            s.execute("CREATE INDEX ON bench_ceiling.outbox (seq) WHERE sent_at IS NULL");
        }
        var done = new AtomicInteger();
        long deadline = System.nanoTime() + phase.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < CLIENTS; w++) {
                pool.submit(() -> {
                    try (Connection c = TestDatabase.superuser().getConnection(); Statement s = c.createStatement()) {
                        c.setAutoCommit(false);
                        while (System.nanoTime() < deadline) {
                            s.execute("INSERT INTO bench_ceiling.reports VALUES (gen_random_uuid(), gen_random_uuid(),"
                                    + " 'P-2026-' || random(), now(), decode(repeat('ab', 60), 'hex'),"
                                    + " decode(repeat('cd', 60), 'hex'), md5(random()::text))");
                            s.execute("INSERT INTO bench_ceiling.fields SELECT gen_random_uuid(), f,"
                                    + " decode(repeat('ab', 250), 'hex') FROM generate_series(1, 7) f");
                            s.execute("INSERT INTO bench_ceiling.outbox (id, topic, message_key, payload, created_at)"
                                    + " VALUES (gen_random_uuid(), 'intake.reports', 'k', decode(repeat('ef', 2000),"
                                    + " 'hex'), now())");
                            c.commit();
                            done.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        try (Connection c = TestDatabase.superuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA bench_ceiling CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return done.get() / (double) phase.toSeconds();
    }
}
