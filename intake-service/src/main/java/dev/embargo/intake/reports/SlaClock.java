package dev.embargo.intake.reports;

import java.time.Instant;

import dev.embargo.events.SecurityPolicy;
import dev.embargo.rules.BusinessCalendar;
import dev.embargo.rules.Deadline;

/**
 * Intake's edge to the shared SLA arithmetic: translates the policy's contract record into the rules' calendar and
 * deadline, so the acknowledgement deadline promised at submission is the one triage's milestone computes.
 */
final class SlaClock {

    private SlaClock() {
    }

    static Instant due(Instant from, SecurityPolicy.Deadline deadline, SecurityPolicy.Sla sla) {
        return BusinessCalendar.of(sla.timeZone(), sla.workingDays(), sla.holidays()).add(from,
                new Deadline(deadline.amount(), Deadline.Unit.valueOf(deadline.unit().name())));
    }
}
