package dev.embargo.triage.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.embargo.triage.cases.Workflow.Action;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random action sequences, legal or not, never break the workflow's invariants. */
class CaseWorkflowProperties {

    /** An action, or a scheduler tick that tries to breach every milestone, after some time passes. */
    record Step(Action action, boolean tick, int minutes) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = net.jqwik.api.Combinators.combine(Arbitraries.of(Action.class),
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(1, 60 * 24 * 20))
                .as((a, t, m) -> new Step(a, t == 0, m));
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 500)
    void randomSequencesKeepTheInvariants(@ForAll("steps") List<Step> steps) {
        Case c = Workflow.newCase();
        Instant now = Workflow.T0;
        Map<String, Integer> breaches = new HashMap<>();
        for (Step s : steps) {
            now = now.plus(Duration.ofMinutes(s.minutes()));
            if (s.tick()) {
                for (Milestone m : c.milestones()) {
                    // Through the aggregate, as the scheduler does: not due, paused, settled or breached changes
                    // nothing.
                    if (c.breachClock(m.id(), now)) {
                        breaches.merge(m.id(), 1, Integer::sum);
                    }
                }
                assertEquals(nextOpenDeadline(c), c.nextDueAt(), "the stored next deadline follows a breach");
                continue;
            }
            CaseState before = c.state();
            int historyBefore = c.history().size();
            try {
                Workflow.apply(c, s.action(), now);
                assertEquals(historyBefore + 1, c.history().size(), "every move is recorded");
            } catch (CaseRefusal refused) {
                if (refused.kind() != CaseRefusal.Kind.ILLEGAL_TRANSITION) {
                    throw refused;
                }
                assertEquals(before, c.state(), "a refused move changes nothing");
                assertEquals(historyBefore, c.history().size());
            }
            assertEquals(nextOpenDeadline(c), c.nextDueAt(), "the stored next deadline follows every step");
        }

        // History is complete: an unbroken chain from NEW to the current state.
        CaseState at = CaseState.NEW;
        for (HistoryEntry e : c.history()) {
            assertEquals(at, e.from());
            at = e.to();
            // No way out of a closed (or published) state except reopen.
            if (e.from() == CaseState.CLOSED || e.from() == CaseState.PUBLISHED) {
                assertEquals("REOPEN", e.action());
            }
        }
        assertEquals(at, c.state());

        // Published only after triage.
        boolean triaged = false;
        for (HistoryEntry e : c.history()) {
            triaged |= e.to() == CaseState.TRIAGED;
            if (e.to() == CaseState.PUBLISHED) {
                assertTrue(triaged, "published without triage");
            }
        }

        // At most one breach per milestone, and only for milestones that ran.
        breaches.values().forEach(n -> assertEquals(1, n));
        assertTrue(c.milestones().stream().filter(m -> m.breachedAt() != null).count() == breaches.size());
    }

    /** The inbox's deadline as the list computed it from the clocks before it was stored. */
    private static Instant nextOpenDeadline(Case c) {
        return c.milestones().stream().filter(m -> m.settledAt() == null && m.breachedAt() == null)
                .map(Milestone::dueAt).filter(d -> d != null).min(Instant::compareTo).orElse(null);
    }
}
