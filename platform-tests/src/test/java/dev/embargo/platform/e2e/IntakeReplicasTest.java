package dev.embargo.platform.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.embargo.platform.e2e.Platform.Service;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Two intake replicas behind one address (a load balancer sends each request to either): the per-client submission
 * limit holds across both, because the buckets are rows of the shared database, not memory of one process.
 */
class IntakeReplicasTest {

    static final int LIMIT = 3;

    @Test
    void aClientGetsTheLimitOnceAcrossTwoReplicasNotOncePerReplica() {
        Platform platform = Platform.get();
        // Both replicas trust the loopback "load balancer", so X-Forwarded-For names the client.
        Map<String, String> settings = Map.of("EMBARGO_SUBMISSIONS_RATE_PER_PERIOD", String.valueOf(LIMIT),
                "EMBARGO_SUBMISSIONS_TRUSTED_PROXIES", "127.0.0.1", "EMBARGO_DEMO_ENABLED", "false");
        try (var a = platform.replica(Service.INTAKE, "replica-a", settings);
                var b = platform.replica(Service.INTAKE, "replica-b", settings)) {
            platform.awaitReady(a, Duration.ofSeconds(120));
            platform.awaitReady(b, Duration.ofSeconds(120));
            String client = "198.18." + ThreadLocalRandom.current().nextInt(256) + "."
                    + ThreadLocalRandom.current().nextInt(1, 255);
            List<Platform.Replica> balanced = List.of(a, b, a, b, a, b);
            int accepted = 0;
            int limited = 0;
            for (int i = 0; i < balanced.size(); i++) {
                Response r = submit(balanced.get(i), client, i);
                if (r.statusCode() == 201) {
                    accepted++;
                } else {
                    assertEquals(429, r.statusCode(), r.asString());
                    assertNotNull(r.header("Retry-After"));
                    assertEquals("urn:embargo:problem:rate-limited", r.path("type"));
                    limited++;
                }
            }
            assertEquals(LIMIT, accepted, "accepted over both replicas");
            assertEquals(balanced.size() - LIMIT, limited);
            // The limit is per client: another reporter behind the same balancer is not affected.
            assertEquals(201, submit(b, client.replaceFirst("^198\\.18\\.", "198.19."), 99).statusCode());
        }
    }

    private static Response submit(Platform.Replica replica, String client, int n) {
        Map<String, Object> report = new HashMap<>(Api.report("Replica test " + n + " " + UUID.randomUUID(),
                "The export endpoint builds its SQL from the sort parameter without binding it, so any signed-in user"
                        + " reads every table; shown here with a harmless select through the public API.",
                "replica@example.org", "Replica"));
        report.remove("reporterEmail");
        report.remove("credit");
        return given().baseUri(replica.url()).header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body(report).post("/api/v1/projects/{slug}/reports", "openpanel");
    }
}
