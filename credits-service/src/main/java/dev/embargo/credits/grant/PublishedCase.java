package dev.embargo.credits.grant;

import java.time.Instant;
import java.util.List;

/**
 * A published case as credits reads it, translated from the contract at the edge ({@link CreditEvents}).
 *
 * @param leadProject
 *            the project the report was sent to; a credit is announced under it
 */
record PublishedCase(String caseId, String trackingId, String severity, Instant publishedAt, List<String> projects,
        String leadProject, List<Slot> slots) {

    /** One credit the case names, in the order triage listed them; the position is the credit's slot. */
    record Slot(String type, String name, String handle, String link, boolean anonymous, String researcherSubject) {
    }
}
