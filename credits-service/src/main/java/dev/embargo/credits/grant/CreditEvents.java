package dev.embargo.credits.grant;

import java.util.List;
import java.util.Objects;

import dev.embargo.events.CasePublished;
import dev.embargo.events.CreditGranted;
import dev.embargo.events.CreditType;
import dev.embargo.platform.outbox.Outbox;

/**
 * The one place the grant feature reads or writes contract records: what arrives becomes our {@link PublishedCase},
 * what a credit registered becomes the {@code credit.granted} event. Enum-like fields are read through their text, so
 * the contract may type them without touching the domain.
 */
final class CreditEvents {

    private CreditEvents() {
    }

    static PublishedCase published(CasePublished event) {
        List<CasePublished.Credit> credits = event.credits() == null ? List.of() : event.credits();
        List<PublishedCase.Slot> slots = credits.stream()
                .map(c -> new PublishedCase.Slot(Objects.toString(c.type(), null), c.name(), c.handle(), c.link(),
                        c.anonymous(), blankToNull(c.researcherSubject())))
                .toList();
        return new PublishedCase(event.caseId(), event.trackingId(), Objects.toString(event.severity(), null),
                event.occurredAt(), event.projectSlugs(), event.projectSlugs().get(0), slots);
    }

    /** Appends what a credit registered to the outbox, as the contract's {@code credit.granted}. */
    static void announce(Outbox outbox, Credit.Granted granted) {
        outbox.append(announced(granted));
    }

    static CreditGranted announced(Credit.Granted granted) {
        return new CreditGranted(granted.creditId().toString(), granted.caseId(), granted.trackingId(),
                granted.projectSlug(), CreditType.valueOf(granted.type()), granted.researcherSubject(),
                granted.points(), granted.anonymous(), granted.at());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
