package dev.embargo.triage.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.embargo.events.SecurityPolicy;
import dev.embargo.triage.sla.MilestoneKind;

/**
 * Triage's ACKNOWLEDGE clock for the policies intake ships, read from intake's own files, for a report submitted on a
 * Friday evening: the same instants intake's {@code SlaClockTest} promises for them, weekend skipped although none of
 * the policies names its working days. The platform's {@code AcknowledgementDeadlineTest} compares the two services
 * live, on whatever weekday it runs.
 */
class ShippedPolicyClocksTest {

    static final Path POLICIES = Path.of("").toAbsolutePath().getParent()
            .resolve("intake-service/src/main/resources/policies");
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final Instant FRIDAY_EVENING = Instant.parse("2026-06-05T18:00:00Z");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({ "fim, 2026-06-09T18:00:00Z", "openpanel, 2026-06-10T18:00:00Z", "pod, 2026-06-08T18:00:00Z",
            "panelorca, ", "open-webui, " })
    void theAcknowledgeClockRunsToWhatIntakePromises(String slug, String promised) throws IOException {
        SecurityPolicy policy = JSON.readValue(POLICIES.resolve(slug + ".json").toFile(), SecurityPolicy.class);
        assertEquals(Optional.ofNullable(promised).map(Instant::parse),
                ProjectPolicy.of(policy).sla().due(MilestoneKind.ACKNOWLEDGE, null, FRIDAY_EVENING));
    }
}
