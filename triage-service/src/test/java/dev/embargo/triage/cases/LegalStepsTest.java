package dev.embargo.triage.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.embargo.triage.access.Participant;
import dev.embargo.triage.sla.Severity;

/**
 * The steps a case lists ({@link Case#legalSteps()}) are exactly those whose guards let them start: each step is tried
 * on a fresh case in every state, and it is listed where, and only where, it is not refused as an illegal transition.
 */
class LegalStepsTest {

    private static final Participant M = Workflow.LEAD_MAINTAINER;
    private static final Instant NOW = Workflow.T0.plus(Duration.ofDays(1));

    /** Takes the step on the case; true unless its guard refused the state (another refusal still passed it). */
    private static boolean guardPasses(Case c, Case.Step step) {
        try {
            switch (step) {
            case ACKNOWLEDGE -> c.acknowledge(M, NOW, null);
            case REQUEST_INFO -> c.requestInfo(M, NOW, "which version?", Workflow.plan(14));
            case RESUME -> c.resume(M, NOW, null);
            case TRIAGE -> c.triage(M, NOW, Severity.HIGH, null, null, Workflow.plan(14), null);
            case START_FIX -> c.startFix(M, NOW, null);
            case MARK_FIXED -> c.markFixed(M, NOW, null);
            case PUBLISH -> c.publish(M, NOW, null);
            case CLOSE -> c.close(M, NOW, Resolution.SPAM, null, null, null);
            case WITHDRAW -> c.withdraw(NOW);
            case REOPEN -> c.reopen(M, NOW, "regression");
            }
            return true;
        } catch (CaseRefusal e) {
            // Publication blocked by an unmet guard of its own, say: the state allowed the step.
            return e.kind() != CaseRefusal.Kind.ILLEGAL_TRANSITION;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CaseState.class)
    void theListedStepsAreExactlyThoseWhoseGuardsPass(CaseState state) {
        List<Case.Step> passing = new ArrayList<>();
        for (Case.Step step : Case.Step.values()) {
            if (step == Case.Step.WITHDRAW) {
                continue;
            }
            Case c = Workflow.caseIn(state);
            assertEquals(state, c.state());
            if (guardPasses(c, step)) {
                passing.add(step);
            }
            assertEquals(step.allowedFrom(state), passing.contains(step), step + " from " + state);
        }
        assertEquals(passing, Workflow.caseIn(state).legalSteps(), "legal steps from " + state);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CaseState.class)
    void theReportersWithdrawalIsNeverListedEvenWhereItIsAllowed(CaseState state) {
        Case c = Workflow.caseIn(state);
        assertFalse(c.legalSteps().contains(Case.Step.WITHDRAW));
        assertEquals(CaseState.OPEN.contains(state), guardPasses(Workflow.caseIn(state), Case.Step.WITHDRAW));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CaseState.class)
    void everyListedStepIsAnActionTheApiTakes(CaseState state) {
        var actions = Arrays.stream(CaseWorkflow.Action.values()).map(Enum::name).toList();
        for (Case.Step step : Workflow.caseIn(state).legalSteps()) {
            assertTrue(actions.contains(step.name()), step + " is no action of the transitions API");
        }
    }

    @Test
    void theStepsOfSomeStatesAsTheWorkflowDescribesThem() {
        assertEquals(List.of(Case.Step.ACKNOWLEDGE, Case.Step.REQUEST_INFO, Case.Step.CLOSE),
                Workflow.caseIn(CaseState.NEW).legalSteps());
        assertEquals(List.of(Case.Step.RESUME, Case.Step.CLOSE), Workflow.caseIn(CaseState.NEEDS_INFO).legalSteps());
        assertEquals(List.of(Case.Step.REQUEST_INFO, Case.Step.START_FIX, Case.Step.MARK_FIXED, Case.Step.PUBLISH,
                Case.Step.CLOSE), Workflow.caseIn(CaseState.TRIAGED).legalSteps());
        assertEquals(List.of(Case.Step.PUBLISH), Workflow.caseIn(CaseState.FIXED).legalSteps());
        assertEquals(List.of(Case.Step.REOPEN), Workflow.caseIn(CaseState.CLOSED).legalSteps());
        assertEquals(List.of(Case.Step.REOPEN), Workflow.caseIn(CaseState.PUBLISHED).legalSteps());
    }

    @Test
    void theListFollowsTheCaseThroughItsSteps() {
        Case c = Workflow.newCase();
        c.acknowledge(M, NOW, null);
        assertEquals(List.of(Case.Step.REQUEST_INFO, Case.Step.TRIAGE, Case.Step.CLOSE), c.legalSteps());
        c.triage(M, NOW, Severity.LOW, null, null, Workflow.plan(14), null);
        c.markFixed(M, NOW, null);
        assertEquals(List.of(Case.Step.PUBLISH), c.legalSteps());
        c.updateProjectStatus(M, "demo", CaseProject.Status.FIXED, "1.0.1", null, NOW);
        c.proposeDisclosure(M, LocalDate.ofInstant(NOW, ZoneOffset.UTC), NOW, false, HeadsUpNotice.none());
        c.publish(M, NOW, null);
        assertEquals(CaseState.PUBLISHED, c.state());
        assertEquals(List.of(Case.Step.REOPEN), c.legalSteps());
    }
}
