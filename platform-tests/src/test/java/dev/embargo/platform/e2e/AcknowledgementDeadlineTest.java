package dev.embargo.platform.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.platform.e2e.Platform.Service;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * What intake promises the reporter at submission ("we acknowledge by …") is the deadline triage's ACKNOWLEDGE clock
 * runs to, for every shipped policy: both services compute it, each from its own copy of the policy, so this is where a
 * second calendar would show. The shipped policies leave {@code sla.workingDays} unset, so every business-day deadline
 * here is also the "working days unset" case (asserted below, so the test notices if that changes).
 */
class AcknowledgementDeadlineTest {

    static final Path POLICIES = Path.of("").toAbsolutePath().getParent()
            .resolve("intake-service/src/main/resources/policies");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void intakesPromisedAcknowledgementIsTriagesAcknowledgeMilestoneForEveryShippedPolicy() throws Exception {
        Platform platform = Platform.get();
        Api api = new Api(platform);
        List<Path> shipped;
        try (Stream<Path> files = Files.list(POLICIES)) {
            shipped = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(5, shipped.size(), "the shipped policies: " + shipped);
        int compared = 0;
        boolean businessDeadlineWithoutWorkingDays = false;
        for (Path file : shipped) {
            String slug = file.getFileName().toString().replace(".json", "");
            JsonNode policy = JSON.readTree(file.toFile());
            JsonNode sla = policy.path("sla");
            assertTrue(sla.path("workingDays").isMissingNode() || sla.path("workingDays").isNull(),
                    slug + " names no working days");
            boolean takesPlatformReports = false;
            for (JsonNode channel : policy.path("channels")) {
                takesPlatformReports |= "PLATFORM".equals(channel.path("kind").asText());
            }
            Response submitted = given().baseUri(platform.url(Service.INTAKE)).contentType(ContentType.JSON)
                    .body(Api.report("Deadline check " + UUID.randomUUID(),
                            "The session cookie is accepted after logout, so a stolen cookie stays valid: the server"
                                    + " never invalidates the session on its side when the user signs out.",
                            "deadline-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "Dee Line"))
                    .post("/api/v1/projects/{slug}/reports", slug);
            if (!takesPlatformReports) {
                // Open WebUI takes reports only through its GitHub repository: no report, no promise.
                assertFalse(submitted.statusCode() == 201, slug + " refuses reports on the platform");
                continue;
            }
            assertEquals(201, submitted.statusCode(), slug + ": " + submitted.asString());
            String trackingId = submitted.path("trackingId");
            String token = submitted.path("reportToken");
            String promised = submitted.path("acknowledgeBy");

            List<Map<String, Object>> deadlines = await().atMost(60, TimeUnit.SECONDS)
                    .until(() -> reporterDeadlines(platform, trackingId, token), d -> d != null);
            String milestone = deadlines.stream().filter(d -> "ACKNOWLEDGE".equals(d.get("kind")))
                    .map(d -> (String) d.get("dueAt")).findFirst().orElse(null);
            if (sla.path("acknowledge").isMissingNode() || sla.path("acknowledge").isNull()) {
                assertNull(promised, slug + " promises no acknowledgement deadline");
                assertNull(milestone, slug + " runs no acknowledge clock");
                continue;
            }
            assertNotNull(promised, slug + " promises an acknowledgement deadline");
            assertNotNull(milestone, slug + " runs an acknowledge clock");
            // Intake answers with the instant it computed, triage with the one PostgreSQL kept (microseconds).
            Duration apart = Duration.between(Instant.parse(promised), Instant.parse(milestone)).abs();
            assertTrue(apart.toMillis() < 1,
                    slug + ": intake promised " + promised + ", triage's clock is due " + milestone);
            String unit = sla.path("acknowledge").path("unit").asText();
            businessDeadlineWithoutWorkingDays |= unit.startsWith("BUSINESS_");
            compared++;
        }
        assertEquals(3, compared, "fim, openpanel and pod promise an acknowledgement deadline");
        assertTrue(businessDeadlineWithoutWorkingDays,
                "at least one compared deadline counts business time without the policy naming working days");
    }

    /** The reporter's view of their case once triage has it; null before. */
    private static List<Map<String, Object>> reporterDeadlines(Platform platform, String trackingId, String token) {
        Response r = given().baseUri(platform.url(Service.TRIAGE)).header("X-Report-Token", token)
                .get("/api/v1/reporter/cases/{trk}", trackingId);
        return r.statusCode() == 200 ? r.jsonPath().getList("deadlines") : null;
    }
}
