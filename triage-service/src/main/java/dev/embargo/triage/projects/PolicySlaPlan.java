package dev.embargo.triage.projects;

import java.time.Instant;
import java.util.Optional;

import dev.embargo.events.SecurityPolicy;
import dev.embargo.rules.BusinessCalendar;
import dev.embargo.rules.Deadline;
import dev.embargo.triage.sla.MilestoneKind;
import dev.embargo.triage.sla.Severity;
import dev.embargo.triage.sla.SlaPlan;

/**
 * The deadlines of one policy version, translated at triage's edge from the contract record into the shared rules'
 * calendar and deadlines: intake promises its acknowledgement deadline with the same arithmetic.
 */
final class PolicySlaPlan implements SlaPlan {

    private static final double DEFAULT_WARNING_FRACTION = 0.75;

    private final SecurityPolicy policy;
    private final BusinessCalendar calendar;

    PolicySlaPlan(SecurityPolicy policy) {
        this.policy = policy;
        var sla = policy.sla();
        this.calendar = sla == null ? BusinessCalendar.of(null, null, null)
                : BusinessCalendar.of(sla.timeZone(), sla.workingDays(), sla.holidays());
    }

    @Override
    public Optional<Instant> due(MilestoneKind kind, Severity severity, Instant start) {
        var sla = policy.sla();
        SecurityPolicy.Deadline deadline = switch (kind) {
        case ACKNOWLEDGE -> sla == null ? null : sla.acknowledge();
        case ASSESS -> sla == null ? null : sla.assess();
        case FIX -> sla == null || sla.fix() == null || severity == null ? null : switch (severity) {
        case CRITICAL -> sla.fix().critical();
        case HIGH -> sla.fix().high();
        case MEDIUM -> sla.fix().medium();
        case LOW -> sla.fix().low();
        case NONE -> null;
        };
        // No deadline in the policy, no disclosure clock: the platform invents none.
        case DISCLOSE -> policy.disclosure() == null || policy.disclosure().deadlineDays() == null
                || policy.disclosure().deadlineDays() <= 0 ? null
                        : new SecurityPolicy.Deadline(policy.disclosure().deadlineDays(), SecurityPolicy.Unit.DAYS);
        };
        return Optional.ofNullable(deadline).map(d -> calendar.add(start, translate(d)));
    }

    static Deadline translate(SecurityPolicy.Deadline d) {
        return new Deadline(d.amount(), Deadline.Unit.valueOf(d.unit().name()));
    }

    @Override
    public double warningFraction() {
        Double f = policy.sla() == null ? null : policy.sla().warningFraction();
        return f == null || f <= 0 || f >= 1 ? DEFAULT_WARNING_FRACTION : f;
    }

    @Override
    public Optional<Integer> silenceDays() {
        return policy.sla() == null ? Optional.empty() : Optional.ofNullable(policy.sla().needsInfoSilenceDays());
    }
}
