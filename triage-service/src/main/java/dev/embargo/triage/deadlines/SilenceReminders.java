package dev.embargo.triage.deadlines;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.embargo.triage.cases.Case;
import dev.embargo.triage.cases.CaseClocks;
import dev.embargo.triage.cases.CaseState;
import dev.embargo.triage.cases.Cases;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Reminds a silent reporter before their case closes for silence: one message in their thread (which mails them) per
 * waiting period, {@code embargo.sla.silence-reminder-before} ahead of the policy's limit, or half way through a
 * shorter wait. The reminder row is claimed in the transaction of the message, so two instances send one reminder.
 */
@ApplicationScoped
class SilenceReminders {

    private final EntityManager em;
    private final Cases cases;
    private final CaseClocks clocks;
    private final SlaConfig config;

    SilenceReminders(EntityManager em, Cases cases, CaseClocks clocks, SlaConfig config) {
        this.em = em;
        this.cases = cases;
        this.clocks = clocks;
        this.config = config;
    }

    /** Sends the reminders due at {@code now}; returns how many went out. */
    int run(Instant now) {
        int sent = 0;
        for (String id : QuarkusTransaction.requiringNew().call(() -> candidates(now))) {
            if (QuarkusTransaction.requiringNew().call(() -> remind(id, now))) {
                sent++;
            }
        }
        return sent;
    }

    @SuppressWarnings("unchecked")
    private List<String> candidates(Instant now) {
        // Indexed on silence_deadline (cases_silence_due); the window's far end bounds what is read.
        return em.createNativeQuery("SELECT c.id FROM cases c WHERE c.state = 'NEEDS_INFO'"
                + " AND c.silence_deadline > ?1 AND c.silence_deadline <= ?2 AND NOT EXISTS (SELECT 1"
                + " FROM silence_reminders r WHERE r.case_id = c.id AND r.silence_deadline = c.silence_deadline)"
                + " LIMIT ?3").setParameter(1, Timestamp.from(now))
                .setParameter(2, Timestamp.from(now.plus(config.silenceReminderBefore())))
                .setParameter(3, config.batchSize()).getResultList();
    }

    private boolean remind(String caseId, Instant now) {
        Case c = cases.byIdForUpdate(caseId).orElse(null);
        if (c == null || c.state() != CaseState.NEEDS_INFO || c.silenceDeadline() == null
                || !now.isBefore(c.silenceDeadline()) || now.isBefore(remindAt(c))) {
            return false;
        }
        int claimed = em
                .createNativeQuery("INSERT INTO silence_reminders (case_id, silence_deadline, reminded_at)"
                        + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, c.id()).setParameter(2, Timestamp.from(c.silenceDeadline()))
                .setParameter(3, Timestamp.from(now)).executeUpdate();
        if (claimed == 1) {
            clocks.remindReporter(c,
                    "This report is waiting for your answer. Without a reply it will be closed as" + " informative on "
                            + c.silenceDeadline().truncatedTo(ChronoUnit.MINUTES)
                            + " (UTC), as the project's policy says for reports that stay unanswered.");
        }
        return claimed == 1;
    }

    /** The lead time, but never earlier than half way through the wait. */
    private Instant remindAt(Case c) {
        Instant lead = c.silenceDeadline().minus(config.silenceReminderBefore());
        Instant requested = c.history().isEmpty() ? c.submittedAt()
                : c.history().get(c.history().size() - 1).occurredAt();
        Instant half = requested.plus(Duration.between(requested, c.silenceDeadline()).dividedBy(2));
        return lead.isAfter(half) ? lead : half;
    }
}
