package dev.embargo.notification.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embargo.notification.routing.CaseTerms.AuthorKind;
import dev.embargo.notification.routing.CaseTerms.Milestone;
import dev.embargo.notification.routing.WebhookPayload.Extra;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The webhook body on the wire, field by field, as receivers have parsed it since the first version; written with the
 * service's own mapper, so a change to its configuration cannot change the wire silently.
 */
@QuarkusTest
class WebhookPayloadTest {

    @Inject
    ObjectMapper json;
    private static final News NEWS = new News("e-1", Instant.parse("2026-06-01T10:00:00Z"), "sla.breached",
            "OP-2026-0042", List.of("openpanel", "partner"));

    @Test
    void carriesIdsProjectsSeverityLinkAndTheEventsOwnFields() throws Exception {
        assertEquals(
                """
                        {"type":"sla.breached","timestamp":"2026-06-01T10:00:00Z","data":{"eventId":"e-1","trackingId":"OP-2026-0042",\
                        "projects":["openpanel","partner"],"severity":"HIGH","link":"https://embargo.example/cases/OP-2026-0042",\
                        "milestone":"DISCLOSE","dueAt":"2026-06-01T09:00:00Z"}}""",
                json.writeValueAsString(WebhookPayload.of(NEWS, "HIGH", "https://embargo.example/cases/OP-2026-0042",
                        Extra.deadline(Milestone.DISCLOSE, "2026-06-01T09:00:00Z"))));
    }

    @Test
    void leavesOutWhatIsUnknownOrNotPartOfTheEvent() throws Exception {
        assertEquals(
                """
                        {"type":"sla.breached","timestamp":"2026-06-01T10:00:00Z","data":{"eventId":"e-1","trackingId":"OP-2026-0042",\
                        "projects":["openpanel","partner"],"link":"https://embargo.example/cases/OP-2026-0042","authorKind":"REPORTER"}}""",
                json.writeValueAsString(WebhookPayload.of(NEWS, null, "https://embargo.example/cases/OP-2026-0042",
                        Extra.author(AuthorKind.REPORTER))));
    }
}
