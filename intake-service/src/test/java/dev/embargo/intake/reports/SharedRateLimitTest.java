package dev.embargo.intake.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import dev.embargo.intake.Fixtures;
import dev.embargo.platform.ratelimit.SharedBuckets;
import dev.embargo.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two intake replicas share one submission limit: the running service and a second limiter with its own Bucket4j proxy
 * manager on the same database (what another replica is) draw on one bucket per client, so a client gets the policy's
 * number of submissions per period however its requests are spread.
 */
@QuarkusTest
class SharedRateLimitTest {

    @Inject
    SubmissionConfig config;

    @Inject
    ReporterPseudonyms pseudonyms;

    @Inject
    DataSource dataSource;

    private SubmissionLimiter secondReplica() {
        return new SubmissionLimiter(config, pseudonyms, new SharedBuckets(dataSource));
    }

    private static String randomClient() {
        return "198.18." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
    }

    @Test
    void submissionsThroughOneReplicaCountAgainstTheOtherAndTheLimitHoldsAcrossBoth() throws Exception {
        var project = Fixtures.projectWithExamplePolicy("openpanel");
        String client = randomClient();
        int limit = config.ratePerPeriod();
        assertTrue(limit >= 3, "the test profile's limit");
        // Replica A, the running service: all but two of the client's submissions.
        for (int i = 0; i < limit - 2; i++) {
            var report = Fixtures.completeReport();
            report.put("title", "Report " + i + " through replica A");
            Fixtures.submit(project.slug(), report, client).statusCode(201);
        }
        // Replica B sees what A took: two left, then refused.
        SubmissionLimiter b = secondReplica();
        String pseudonym = b.client("127.0.0.1", client);
        b.acquire(pseudonym);
        b.acquire(pseudonym);
        var refused = assertThrows(SubmissionLimiter.TooManyRequests.class, () -> b.acquire(pseudonym));
        assertTrue(refused.retryAfterSeconds >= 1);
        // ... and so does A for what B took.
        var report = Fixtures.completeReport();
        report.put("title", "One too many");
        Fixtures.submit(project.slug(), report, client).statusCode(429).header("Retry-After", Matchers.notNullValue());
        // The bucket is keyed on the pseudonym; the address is nowhere in the table.
        try (var c = TestDatabase.superuser().getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT id FROM intake.rate_limit_bucket")) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            assertTrue(ids.contains("submissions:" + pseudonym), ids.toString());
            assertTrue(ids.stream().noneMatch(id -> id.contains(client)), "an address in a bucket id");
        }
    }

    @Test
    void aBucketsRowLastsUntilItWouldBeFullAgainAndIsThenRemoved() throws Exception {
        SubmissionLimiter a = secondReplica();
        String fresh = a.client("127.0.0.1", randomClient());
        String spent = a.client("127.0.0.1", randomClient());
        long before = System.currentTimeMillis();
        a.acquire(fresh);
        a.acquire(spent);
        long after = System.currentTimeMillis();
        // One token taken: full again after one token's refill time, and the row kept a little longer.
        long ttl = config.ratePeriod().toMillis() / config.ratePerPeriod() + SharedBuckets.KEPT_AFTER_REFILL.toMillis();
        long expiresAt = expiresAt(spent);
        assertTrue(expiresAt >= before + ttl - 1 && expiresAt <= after + ttl + 1,
                "expires " + (expiresAt - after) + " ms after the take, expected " + ttl + " ms");
        try (var c = TestDatabase.superuser().getConnection();
                var s = c.prepareStatement("UPDATE intake.rate_limit_bucket SET expires_at = ? WHERE id = ?")) {
            s.setLong(1, before - 1);
            s.setString(2, "submissions:" + spent);
            assertEquals(1, s.executeUpdate());
        }
        a.removeExpiredBuckets();
        assertEquals(-1, expiresAt(spent), "the refilled bucket's row is gone");
        assertTrue(expiresAt(fresh) > after, "a bucket still refilling keeps its row");
        // A client whose row went starts again with a full bucket.
        for (int i = 0; i < config.ratePerPeriod(); i++) {
            a.acquire(spent);
        }
        assertThrows(SubmissionLimiter.TooManyRequests.class, () -> a.acquire(spent));
    }

    /** The row's expires_at, -1 when the bucket has no row. */
    private static long expiresAt(String pseudonym) throws Exception {
        try (var c = TestDatabase.superuser().getConnection();
                var s = c.prepareStatement("SELECT expires_at FROM intake.rate_limit_bucket WHERE id = ?")) {
            s.setString(1, "submissions:" + pseudonym);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    @Test
    void aNewClientsFirstTokenCostsOneReadAndOneWriteAndSoDoesItsNext() {
        List<String> statements = new ArrayList<>();
        SubmissionLimiter replica = new SubmissionLimiter(config, pseudonyms,
                new SharedBuckets(recording(dataSource, statements)));
        String pseudonym = replica.client("127.0.0.1", randomClient());
        replica.acquire(pseudonym);
        assertEquals(List.of("SELECT", "INSERT"), statements, "a new bucket: read, then created with its token taken");
        statements.clear();
        replica.acquire(pseudonym);
        assertEquals(List.of("SELECT", "UPDATE"), statements, "a known bucket: read, then its token taken");
    }

    /** The data source, with the first word of every statement prepared through it recorded. */
    private static DataSource recording(DataSource dataSource, List<String> statements) {
        InvocationHandler connections = (proxy, method, args) -> {
            Connection c = dataSource.getConnection();
            return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] { Connection.class },
                    (p, m, a) -> {
                        if (m.getName().equals("prepareStatement")) {
                            statements.add(((String) a[0]).strip().split("\\s+")[0]);
                        }
                        try {
                            return m.invoke(c, a);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] { DataSource.class }, (proxy, method, args) -> method.getName().equals("getConnection")
                        ? connections.invoke(proxy, method, args) : method.invoke(dataSource, args));
    }

    @Test
    void concurrentSubmissionsOnTwoReplicasGetExactlyTheLimitBetweenThem() throws Exception {
        SubmissionLimiter a = secondReplica();
        SubmissionLimiter b = secondReplica();
        String pseudonym = a.client("127.0.0.1", randomClient());
        int attempts = config.ratePerPeriod() * 6;
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            SubmissionLimiter replica = i % 2 == 0 ? a : b;
            calls.add(() -> {
                try {
                    replica.acquire(pseudonym);
                    return true;
                } catch (SubmissionLimiter.TooManyRequests e) {
                    return false;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            int granted = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                granted += f.get() ? 1 : 0;
            }
            assertEquals(config.ratePerPeriod(), granted, "granted across both replicas");
        } finally {
            pool.shutdownNow();
        }
    }
}
