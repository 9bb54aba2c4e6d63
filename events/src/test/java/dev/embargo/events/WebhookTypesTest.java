package dev.embargo.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The event types a project's webhook may subscribe to. */
class WebhookTypesTest {

    @Test
    void theCaseSlaAndNewReportTypesUnversionedAndSorted() {
        assertEquals(List.of("case.acknowledged", "case.closed", "case.disclosure-scheduled", "case.fixed",
                "case.message-posted", "case.needs-info", "case.project-added", "case.publication-overridden",
                "case.published", "case.reopened", "case.triaged", "report.submitted", "sla.breached", "sla.warning"),
                List.copyOf(EventType.webhookTypes()));
    }

    @Test
    void everyCatalogTypeOfTheCaseTheDeadlinesOrNewReportsIsOneAndNoOtherIs() {
        List<String> expected = new ArrayList<>();
        for (EventType t : EventType.values()) {
            String unversioned = t.type().substring(0, t.type().lastIndexOf('.'));
            boolean webhook = t.topic().equals(Topics.TRIAGE_CASES) || t.topic().equals(Topics.TRIAGE_SLA)
                    || t == EventType.REPORT_SUBMITTED;
            assertEquals(webhook, EventType.webhookTypes().contains(unversioned), t.type());
            if (webhook) {
                expected.add(unversioned);
            }
        }
        assertEquals(expected.stream().sorted().toList(), List.copyOf(EventType.webhookTypes()));
    }

    @Test
    void neverMembershipProjectOrCreditTypesAndNeverAVersion() {
        for (String t : EventType.webhookTypes()) {
            assertTrue(!t.startsWith("project.") && !t.startsWith("credit."), t);
            assertTrue(!t.matches(".*\\.v\\d+$"), t);
        }
    }

    @Test
    void eachCallIsItsOwnSet() {
        var types = EventType.webhookTypes();
        types.add("project.registered");
        assertTrue(!EventType.webhookTypes().contains("project.registered"));
    }
}
