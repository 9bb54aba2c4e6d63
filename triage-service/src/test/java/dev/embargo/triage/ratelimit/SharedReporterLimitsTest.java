package dev.embargo.triage.ratelimit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.embargo.platform.proxies.ClientPseudonyms;
import dev.embargo.platform.ratelimit.SharedBuckets;
import dev.embargo.triage.Rows;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The reporter API's limits are rows of the triage schema, so two replicas (here: two limiters with Bucket4j proxies of
 * their own on the same database) count against one limit; the rows name clients by pseudonym, never by address.
 */
@QuarkusTest
class SharedReporterLimitsTest {

    @Inject
    ReporterRateLimit.Config config;

    @Inject
    DataSource dataSource;

    /** Both replicas have the one pseudonym key the deployment gives them. */
    private final ClientPseudonyms pseudonyms = ClientPseudonyms
            .withKey(Optional.of(Base64.getEncoder().encodeToString(new byte[32])), true, "test");

    private ReporterRateLimit replica() {
        return new ReporterRateLimit(config, pseudonyms, new SharedBuckets(dataSource));
    }

    private static String randomClient() {
        return "198.18." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
    }

    @Test
    void requestsOnACaseThroughTwoReplicasGetThePerMinuteLimitOnce() {
        ReporterRateLimit a = replica();
        ReporterRateLimit b = replica();
        String address = randomClient();
        String client = a.client("127.0.0.1", address);
        assertEquals(client, b.client("127.0.0.1", address), "one pseudonym on both replicas");
        int allowed = 0;
        for (int i = 0; i < config.requestsPerMinute() + 10; i++) {
            if ((i % 2 == 0 ? a : b).decide(client, "PROJ-2026-0001") == null) {
                allowed++;
            }
        }
        assertEquals(config.requestsPerMinute(), allowed, "allowed across both replicas");
        assertNull(a.decide(client, "PROJ-2026-0002"), "another case has a bucket of its own");
    }

    @Test
    void failedTokenChecksCountedOnOneReplicaLockTheGuesserOutOfTheOther() {
        ReporterRateLimit b = replica();
        SharedBuckets replicaA = new SharedBuckets(dataSource);
        String client = b.client("127.0.0.1", randomClient());
        assertNull(b.decide(client, "PROJ-2026-0003"));
        var failures = io.github.bucket4j.BucketConfiguration.builder()
                .addLimit(io.github.bucket4j.Bandwidth.builder().capacity(config.failedTokensPerMinute())
                        .refillGreedy(config.failedTokensPerMinute(), java.time.Duration.ofMinutes(1)).build())
                .build();
        for (int i = 0; i < config.failedTokensPerMinute(); i++) {
            assertTrue(replicaA.tryConsume(ReporterRateLimit.failuresKey(client), failures).isConsumed());
        }
        var refused = b.decide(client, "PROJ-2026-0004");
        assertNotNull(refused, "replica B lets the guesser go on");
        assertEquals(429, refused.getStatus());
        assertNotNull(refused.getHeaderString("Retry-After"));
        // Another client is not affected.
        assertNull(b.decide(b.client("127.0.0.1", randomClient()), "PROJ-2026-0004"));
    }

    @Test
    void theServiceKeepsItsReporterLimitsUnderPseudonymsNeverAddresses() {
        String address = randomClient();
        given().header("X-Forwarded-For", address).header("X-Report-Token", "wrong")
                .get("/api/v1/reporter/cases/NOPE-2026-0001").then().statusCode(404);
        List<String> ids = Rows.strings("SELECT id FROM triage.rate_limit_bucket");
        assertTrue(ids.stream().anyMatch(id -> id.startsWith("reporter-failures:anon:")), ids.toString());
        assertTrue(ids.stream().anyMatch(id -> id.startsWith("reporter:anon:") && id.endsWith(":NOPE-2026-0001")));
        assertTrue(ids.stream().noneMatch(id -> id.contains(address)), "an address in a bucket id");
        assertTrue(Rows.strings("SELECT t::text FROM triage.rate_limit_bucket t").stream()
                .noneMatch(row -> row.contains(address)), "an address in a bucket row");
    }
}
