package dev.embargo.triage.cases;

import static dev.embargo.triage.cases.Workflow.Action.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.embargo.events.SlaBreached;
import dev.embargo.events.SlaMilestone;
import dev.embargo.events.SlaWarning;
import dev.embargo.triage.access.Participant;
import dev.embargo.triage.cases.Workflow.Action;
import dev.embargo.triage.sla.MilestoneKind;
import dev.embargo.triage.sla.Severity;

class CaseWorkflowTest {

    private static final Participant M = Workflow.LEAD_MAINTAINER;

    /** The legal moves of PLATFORM.md: state × action → resulting state; everything else is illegal. */
    private static final Map<CaseState, Map<Action, CaseState>> LEGAL = new EnumMap<>(CaseState.class);

    static {
        legal(CaseState.NEW, ACKNOWLEDGE, CaseState.ACKNOWLEDGED, REQUEST_INFO, CaseState.NEEDS_INFO, CLOSE,
                CaseState.CLOSED, WITHDRAW, CaseState.CLOSED);
        legal(CaseState.ACKNOWLEDGED, REQUEST_INFO, CaseState.NEEDS_INFO, TRIAGE, CaseState.TRIAGED, CLOSE,
                CaseState.CLOSED, WITHDRAW, CaseState.CLOSED);
        legal(CaseState.NEEDS_INFO, PROVIDE_INFO, CaseState.ACKNOWLEDGED, CLOSE, CaseState.CLOSED, WITHDRAW,
                CaseState.CLOSED);
        legal(CaseState.TRIAGED, REQUEST_INFO, CaseState.NEEDS_INFO, START_FIX, CaseState.FIXING, MARK_FIXED,
                CaseState.FIXED, PUBLISH, CaseState.PUBLISHED, CLOSE, CaseState.CLOSED, WITHDRAW, CaseState.CLOSED);
        legal(CaseState.FIXING, REQUEST_INFO, CaseState.NEEDS_INFO, MARK_FIXED, CaseState.FIXED, PUBLISH,
                CaseState.PUBLISHED, CLOSE, CaseState.CLOSED, WITHDRAW, CaseState.CLOSED);
        legal(CaseState.FIXED, PUBLISH, CaseState.PUBLISHED, WITHDRAW, CaseState.CLOSED);
        legal(CaseState.PUBLISHED, REOPEN, CaseState.TRIAGED);
        legal(CaseState.CLOSED, REOPEN, CaseState.ACKNOWLEDGED);
    }

    private static void legal(CaseState from, Object... pairs) {
        var moves = new EnumMap<Action, CaseState>(Action.class);
        for (int i = 0; i < pairs.length; i += 2) {
            moves.put((Action) pairs[i], (CaseState) pairs[i + 1]);
        }
        LEGAL.put(from, moves);
    }

    static Stream<Arguments> everyStateAndAction() {
        List<Arguments> all = new ArrayList<>();
        for (CaseState s : CaseState.values()) {
            for (Action a : Action.values()) {
                all.add(Arguments.of(s, a));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("everyStateAndAction")
    void eachActionIsLegalExactlyWhereTheWorkflowAllowsIt(CaseState from, Action action) {
        Case c = Workflow.caseIn(from);
        assertEquals(from, c.state());
        int historyBefore = c.history().size();
        long stateCount = c.history().size();
        CaseState expected = LEGAL.get(from).get(action);
        Instant now = Workflow.T0.plus(Duration.ofDays(1));
        if (expected == null) {
            var e = assertThrows(CaseRefusal.class, () -> Workflow.apply(c, action, now));
            assertEquals(CaseRefusal.Kind.ILLEGAL_TRANSITION, e.kind());
            assertEquals(from, e.currentState());
            assertEquals(from, c.state());
            assertEquals(stateCount, c.history().size());
        } else {
            Workflow.apply(c, action, now);
            assertEquals(expected, c.state());
            assertEquals(historyBefore + 1, c.history().size());
            HistoryEntry last = c.history().get(c.history().size() - 1);
            assertEquals(from, last.from());
            assertEquals(expected, last.to());
            assertEquals(now, last.occurredAt());
        }
    }

    @Test
    void needsInfoReturnsToTheStateItInterrupted() {
        Case c = Workflow.caseIn(CaseState.FIXING);
        c.requestInfo(M, Workflow.T0.plusSeconds(3600), "which version?", Workflow.plan(14));
        c.reporterAnswered(Workflow.T0.plusSeconds(7200));
        assertEquals(CaseState.FIXING, c.state());
    }

    @Test
    void closingAsDuplicateNamesTheOriginalCase() {
        Case c = Workflow.caseIn(CaseState.ACKNOWLEDGED);
        assertEquals(CaseRefusal.Kind.UNKNOWN_DUPLICATE,
                assertThrows(CaseRefusal.class, () -> c.close(M, Workflow.T0, Resolution.DUPLICATE, null, null, null))
                        .kind());
        c.close(M, Workflow.T0, Resolution.DUPLICATE, "other-case", "DEMO-2026-0002", "same root cause");
        assertEquals(Resolution.DUPLICATE, c.resolution());
        assertEquals("other-case", c.duplicateOf());
        assertEquals("CLOSE_DUPLICATE", c.history().get(c.history().size() - 1).action());
    }

    @Test
    void reopeningClearsTheResolution() {
        Case c = Workflow.caseIn(CaseState.CLOSED);
        c.reopen(M, Workflow.T0.plusSeconds(10), "was real after all");
        assertNull(c.resolution());
        assertEquals(CaseState.ACKNOWLEDGED, c.state());
    }

    @Test
    void acknowledgingSettlesTheAcknowledgeClockOnly() {
        Case c = Workflow.newCase();
        c.acknowledge(M, Workflow.T0.plusSeconds(60), null);
        assertNotNull(c.milestone(MilestoneKind.ACKNOWLEDGE).orElseThrow().settledAt());
        assertNull(c.milestone(MilestoneKind.ASSESS).orElseThrow().settledAt());
    }

    @Test
    void triageStartsTheFixClockFromTheSeverityTarget() {
        Case c = Workflow.caseIn(CaseState.ACKNOWLEDGED);
        Instant at = Workflow.T0.plus(Duration.ofHours(5));
        c.triage(M, at, Severity.CRITICAL, null, null, Workflow.plan(null), null);
        Milestone fix = c.milestone(MilestoneKind.FIX).orElseThrow();
        assertEquals(at.plus(Duration.ofHours(336)), fix.dueAt());
        assertNotNull(c.milestone(MilestoneKind.ASSESS).orElseThrow().settledAt());
    }

    @Test
    void needsInfoPausesEveryRunningClockAndResumeKeepsTheRemainingTime() {
        Case c = Workflow.newCase();
        Milestone ack = c.milestone(MilestoneKind.ACKNOWLEDGE).orElseThrow();
        Instant due = ack.dueAt();
        Instant warn = ack.warnAt();
        Instant pausedAt = Workflow.T0.plus(Duration.ofHours(10));
        c.requestInfo(M, pausedAt, null, Workflow.plan(14));
        assertTrue(ack.isPaused());
        assertNull(ack.dueAt(), "a paused clock is invisible to the scheduler");
        assertThrows(IllegalStateException.class, () -> ack.breach(due.plusSeconds(1)));

        Instant resumedAt = pausedAt.plus(Duration.ofDays(3));
        c.reporterAnswered(resumedAt);
        assertEquals(due.plus(Duration.ofDays(3)), ack.dueAt());
        assertEquals(warn.plus(Duration.ofDays(3)), ack.warnAt());
    }

    @Test
    void silenceLimitCountsFromTheRequestForInformation() {
        Case c = Workflow.caseIn(CaseState.ACKNOWLEDGED);
        Instant asked = Workflow.T0.plus(Duration.ofHours(1));
        c.requestInfo(M, asked, null, Workflow.plan(14));
        assertTrue(!c.silentSince(asked.plus(Duration.ofDays(13))));
        assertTrue(c.silentSince(asked.plus(Duration.ofDays(14))));
        assertTrue(c.closeIfSilent(asked.plus(Duration.ofDays(14))));
        assertTrue(!c.silentSince(asked.plus(Duration.ofDays(15))));
    }

    @Test
    void aMilestoneBreachesOnceAndNotBeforeItIsDue() {
        Case c = Workflow.newCase();
        Milestone ack = c.milestone(MilestoneKind.ACKNOWLEDGE).orElseThrow();
        assertThrows(IllegalStateException.class, () -> ack.breach(ack.dueAt().minusSeconds(1)));
        ack.breach(ack.dueAt());
        assertThrows(IllegalStateException.class, () -> ack.breach(ack.dueAt().plusSeconds(5)));
    }

    @Test
    void theCaseWarnsAndBreachesEachOfItsClocksOnceAndRegistersTheFact() {
        Case c = Workflow.newCase();
        c.takeEvents();
        Milestone ack = c.milestone(MilestoneKind.ACKNOWLEDGE).orElseThrow();
        Instant due = ack.dueAt();
        assertFalse(c.warnClock(ack.id(), ack.warnAt().minusSeconds(1)), "not before its warning time");
        assertTrue(c.warnClock(ack.id(), ack.warnAt()));
        assertFalse(c.warnClock(ack.id(), ack.warnAt().plusSeconds(1)), "one warning per clock");
        var warning = assertInstanceOf(SlaWarning.class, c.takeEvents().get(0));
        assertEquals(ack.id(), warning.milestoneId());
        assertEquals(SlaMilestone.ACKNOWLEDGE, warning.milestone());
        assertEquals("demo", warning.projectSlug());
        assertEquals(due, warning.dueAt());

        assertFalse(c.breachClock(ack.id(), due.minusSeconds(1)), "not before it is due");
        assertTrue(c.breachClock(ack.id(), due));
        assertFalse(c.breachClock(ack.id(), due.plusSeconds(1)), "one breach per clock");
        var breach = assertInstanceOf(SlaBreached.class, c.takeEvents().get(0));
        assertEquals(ack.id(), breach.milestoneId());
        assertEquals(SlaMilestone.ACKNOWLEDGE, breach.milestone());
        assertEquals(due, breach.occurredAt());
        assertTrue(c.takeEvents().isEmpty());
    }

    @Test
    void aSettledOrPausedClockNeitherWarnsNorBreaches() {
        Case c = Workflow.newCase();
        Milestone ack = c.milestone(MilestoneKind.ACKNOWLEDGE).orElseThrow();
        Milestone assess = c.milestone(MilestoneKind.ASSESS).orElseThrow();
        Instant late = assess.dueAt().plus(Duration.ofDays(1));
        c.acknowledge(M, ack.warnAt().minusSeconds(1), null);
        c.requestInfo(M, ack.warnAt(), null, Workflow.plan(14));
        c.takeEvents();
        assertFalse(c.warnClock(ack.id(), late));
        assertFalse(c.breachClock(ack.id(), late));
        assertFalse(c.warnClock(assess.id(), late), "paused while the case waits for the reporter");
        assertFalse(c.breachClock(assess.id(), late));
        assertTrue(c.takeEvents().isEmpty());
    }
}
