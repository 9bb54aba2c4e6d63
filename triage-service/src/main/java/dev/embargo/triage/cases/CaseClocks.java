package dev.embargo.triage.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.embargo.triage.sla.MilestoneKind;

/**
 * The scheduler's steps on cases, each by the aggregate's own rules: closes cases silent past the policy's limit,
 * publishes (or schedules at the deadline) what is due, warns and breaches the clocks it claimed, reminds the reporter.
 */
@ApplicationScoped
public class CaseClocks {

    private final Cases cases;
    private final CasePolicies policies;
    private final CaseFacts facts;
    private final Clock clock;

    CaseClocks(Cases cases, CasePolicies policies, CaseFacts facts, Clock clock) {
        this.cases = cases;
        this.policies = policies;
        this.facts = facts;
        this.clock = clock;
    }

    /** Closes a case whose reporter stayed silent past the policy's limit (the scheduler's job). */
    @Transactional
    public boolean closeIfSilent(String caseId, Instant now) {
        Case c = cases.byIdForUpdate(caseId).orElse(null);
        if (c == null || !c.closeIfSilent(now)) {
            return false;
        }
        facts.appendEvents(c, now);
        return true;
    }

    /**
     * The scheduler's step for one case: at a passed disclosure deadline, schedules the disclosure only where every
     * unfixed project's policy opts into deadline-driven disclosure; publishes when the guard is met.
     */
    @Transactional
    public boolean publishIfDue(String caseId, Instant now) {
        Case c = cases.byIdForUpdate(caseId).orElse(null);
        if (c == null) {
            return false;
        }
        c.disclosureDeadlinePassed(now, policies.projectsPublishingOnDeadline(c), policies.notice(c));
        boolean published = c.publishIfDue(now);
        facts.appendEvents(c, now);
        return published;
    }

    /**
     * The scheduler's warnings and breaches of the clocks it claimed, through the aggregate's own rule; returns the
     * kinds of the clocks that changed. Each claimed row is locked by the caller's transaction.
     */
    public List<MilestoneKind> markDueClocks(List<Cases.DueClock> claimed, Instant now, boolean breach) {
        List<MilestoneKind> changed = new ArrayList<>();
        for (Cases.DueClock due : claimed) {
            Case c = cases.byId(due.caseId()).orElse(null);
            if (c != null && (breach ? c.breachClock(due.milestoneId(), now) : c.warnClock(due.milestoneId(), now))) {
                facts.appendEvents(c, now);
                c.milestones().stream().filter(m -> m.id().equals(due.milestoneId())).findFirst()
                        .ifPresent(m -> changed.add(m.kind()));
            }
        }
        return changed;
    }

    /** The platform's reminder in the reporter's thread (no author: it is the policy speaking, not a maintainer). */
    public Message remindReporter(Case c, String text) {
        return facts.post(c, Message.AuthorKind.MAINTAINER, null, Message.Visibility.REPORTER, null, text,
                clock.instant());
    }
}
