package dev.embargo.triage.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.embargo.triage.access.Participant;
import dev.embargo.triage.sla.MilestoneKind;
import dev.embargo.triage.sla.Severity;

/**
 * The case's stored next open deadline (the inbox's "next deadline first" and "due within") follows every change of its
 * clocks: start, settle, pause, resume, breach, close. Clocks: acknowledge 72 h, assess 168 h, fix 336 h, disclose 2160
 * h.
 */
class NextDeadlineTest {

    private static final Participant M = Workflow.LEAD_MAINTAINER;
    private static final Instant T0 = Workflow.T0;

    private static Instant at(long hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    @Test
    void theNextDeadlineFollowsTheLeadsClocksThroughTheWorkflow() {
        Case c = Workflow.newCase();
        assertEquals(at(72), c.nextDueAt(), "a new case: acknowledge first");

        c.acknowledge(M, at(1), null);
        assertEquals(at(168), c.nextDueAt(), "acknowledged: assess next");

        c.requestInfo(M, at(2), "need a PoC", Workflow.plan(14));
        assertNull(c.nextDueAt(), "waiting for the reporter: every clock paused, none due");

        c.reporterAnswered(at(12));
        // Assess had 166 h left when it paused.
        assertEquals(at(12 + 166), c.nextDueAt(), "resumed: the remaining time counts from the answer");

        c.triage(M, at(20), Severity.HIGH, null, null, Workflow.plan(14), null);
        assertEquals(at(20 + 336), c.nextDueAt(), "triaged: assess met, the fix clock is next");

        String fix = c.milestone(MilestoneKind.FIX).orElseThrow().id();
        assertTrue(c.breachClock(fix, at(20 + 336)));
        // Disclose paused at 2 h for 10 h: due 2170 h after submission.
        assertEquals(at(2170), c.nextDueAt(), "the breached fix clock is no longer open: disclose is next");

        c.close(M, at(400), Resolution.SPAM, null, null, null);
        assertNull(c.nextDueAt(), "closed: every clock stopped");
        c.reopen(M, at(401), "regression");
        assertNull(c.nextDueAt(), "a reopened case restarts no clock");
    }

    @Test
    void meetingTheFixAndPublishingStopTheRemainingClocks() {
        Case c = Workflow.caseIn(CaseState.FIXING);
        Instant triaged = c.milestone(MilestoneKind.FIX).orElseThrow().startedAt();
        assertEquals(triaged.plus(Duration.ofHours(336)), c.nextDueAt());
        c.markFixed(M, at(5), null);
        assertEquals(at(2160), c.nextDueAt(), "fixed: only the disclosure clock runs");
        Workflow.apply(c, Workflow.Action.PUBLISH, at(6));
        assertEquals(CaseState.PUBLISHED, c.state());
        assertNull(c.nextDueAt(), "published: nothing is due");
    }

    @Test
    void aPartnersClocksCountUntilThePartnerAnswers() {
        Case c = Workflow.caseIn(CaseState.ACKNOWLEDGED);
        Participant partner = Participant.of("po", Map.of("p2", Participant.Role.OWNER));
        // Acknowledged at T0 + 60 s: assess is due at T0 + 168 h; the partner's acknowledge clock is due sooner.
        c.addProject(M, "p2", "partner", at(10), Workflow.plan(14));
        assertEquals(at(10 + 72), c.nextDueAt(), "the partner's acknowledge clock is the next deadline");

        c.updateProjectStatus(partner, "partner", CaseProject.Status.UNDER_INVESTIGATION, null, null, at(11));
        assertEquals(at(168), c.nextDueAt(), "the partner acknowledged: the lead's assess clock is next again");

        c.requestInfo(M, at(12), "need a PoC", Workflow.plan(14));
        assertNull(c.nextDueAt(), "the partner's clocks pause with the lead's");
    }

    @Test
    void aWarningLeavesTheDeadlineWhereItIs() {
        Case c = Workflow.newCase();
        String ack = c.milestone(MilestoneKind.ACKNOWLEDGE).orElseThrow().id();
        assertTrue(c.warnClock(ack, at(40)));
        assertEquals(at(72), c.nextDueAt());
        assertTrue(c.breachClock(ack, at(72)));
        assertEquals(at(168), c.nextDueAt(), "acknowledge breached: assess is next");
    }
}
