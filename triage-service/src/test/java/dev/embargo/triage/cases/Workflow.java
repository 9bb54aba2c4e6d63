package dev.embargo.triage.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.embargo.triage.access.Participant;
import dev.embargo.triage.sla.MilestoneKind;
import dev.embargo.triage.sla.Severity;
import dev.embargo.triage.sla.SlaPlan;

/** Test driver: every workflow action by name, and the paths that bring a new case into each state. */
final class Workflow {

    enum Action {
        ACKNOWLEDGE, REQUEST_INFO, PROVIDE_INFO, TRIAGE, START_FIX, MARK_FIXED, PUBLISH, CLOSE, WITHDRAW, REOPEN
    }

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    /** The lead project of every test case, and who acts on it. */
    static final String LEAD = "p1";
    static final Participant LEAD_OWNER = Participant.of("o", Map.of(LEAD, Participant.Role.OWNER));
    static final Participant LEAD_MAINTAINER = Participant.of("m", Map.of(LEAD, Participant.Role.MAINTAINER));

    /** Every clock one hour per unit, no silence limit unless asked. */
    static SlaPlan plan(Integer silenceDays) {
        return new SlaPlan() {
            @Override
            public Optional<Instant> due(MilestoneKind kind, Severity severity, Instant start) {
                return Optional.of(start.plus(Duration.ofHours(switch (kind) {
                case ACKNOWLEDGE -> 72;
                case ASSESS -> 168;
                case FIX -> 336;
                case DISCLOSE -> 2160;
                })));
            }

            @Override
            public double warningFraction() {
                return 0.5;
            }

            @Override
            public Optional<Integer> silenceDays() {
                return Optional.ofNullable(silenceDays);
            }
        };
    }

    static final Map<CaseState, List<Action>> PATHS = Map.of(CaseState.NEW, List.of(), CaseState.ACKNOWLEDGED,
            List.of(Action.ACKNOWLEDGE), CaseState.NEEDS_INFO, List.of(Action.ACKNOWLEDGE, Action.REQUEST_INFO),
            CaseState.TRIAGED, List.of(Action.ACKNOWLEDGE, Action.TRIAGE), CaseState.FIXING,
            List.of(Action.ACKNOWLEDGE, Action.TRIAGE, Action.START_FIX), CaseState.FIXED,
            List.of(Action.ACKNOWLEDGE, Action.TRIAGE, Action.START_FIX, Action.MARK_FIXED), CaseState.PUBLISHED,
            List.of(Action.ACKNOWLEDGE, Action.TRIAGE, Action.MARK_FIXED, Action.PUBLISH), CaseState.CLOSED,
            List.of(Action.CLOSE));

    static Case newCase() {
        String id = UUID.randomUUID().toString();
        return Case.open(id, "DEMO-2026-0001", LEAD, "demo", 1, "hash", null, T0, plan(14));
    }

    static Case caseIn(CaseState state) {
        Case c = newCase();
        Instant t = T0;
        for (Action a : PATHS.get(state)) {
            t = t.plusSeconds(60);
            apply(c, a, t);
        }
        return c;
    }

    static void apply(Case c, Action action, Instant now) {
        switch (action) {
        case ACKNOWLEDGE -> c.acknowledge(LEAD_MAINTAINER, now, null);
        case REQUEST_INFO -> c.requestInfo(LEAD_MAINTAINER, now, "need PoC", plan(14));
        case PROVIDE_INFO -> c.reporterAnswered(now);
        case TRIAGE -> c.triage(LEAD_MAINTAINER, now, Severity.HIGH, null, null, plan(14), null);
        case START_FIX -> c.startFix(LEAD_MAINTAINER, now, null);
        case MARK_FIXED -> c.markFixed(LEAD_MAINTAINER, now, null);
        case PUBLISH -> {
            if (java.util.Set.of(CaseState.TRIAGED, CaseState.FIXING, CaseState.FIXED).contains(c.state())) {
                // Meet the guard: the lead project fixed, today agreed, no heads-up to wait for.
                c.updateProjectStatus(LEAD_MAINTAINER, "demo", CaseProject.Status.FIXED, "1.0.1", null, now);
                c.proposeDisclosure(LEAD_MAINTAINER, java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC), now,
                        false, HeadsUpNotice.none());
            }
            c.publish(LEAD_MAINTAINER, now, null);
        }
        case CLOSE -> c.close(LEAD_MAINTAINER, now, Resolution.SPAM, null, null, null);
        case WITHDRAW -> c.withdraw(now);
        case REOPEN -> c.reopen(LEAD_MAINTAINER, now, "regression");
        }
    }

    private Workflow() {
    }
}
