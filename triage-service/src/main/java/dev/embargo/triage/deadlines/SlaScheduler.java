package dev.embargo.triage.deadlines;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.embargo.triage.cases.CaseClocks;
import dev.embargo.triage.cases.Cases;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Finds due milestones through the partial indexes on {@code due_at}/{@code warn_at} (cost grows with what is due, not
 * with what is open), claims a page of rows with {@code FOR UPDATE SKIP LOCKED}, and lets each clock's case mark the
 * warning or breach by the aggregate's own rule, appending the event it registers in that same transaction: one
 * {@code sla.warning} and one {@code sla.breached} per milestone, however many instances run. Also closes silent cases
 * and publishes cases whose disclosure is due.
 */
@ApplicationScoped
public class SlaScheduler {

    /** What one run did. */
    public record Tick(int published, int closed, int warned, int breached, int reminded) {
    }

    private final EntityManager em;
    private final Cases cases;
    private final CaseClocks clocks;
    private final SlaConfig config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final SilenceReminders reminders;

    SlaScheduler(EntityManager em, Cases cases, CaseClocks clocks, SlaConfig config, Clock clock,
            MeterRegistry registry, SilenceReminders reminders) {
        this.reminders = reminders;
        this.em = em;
        this.registry = registry;
        this.cases = cases;
        this.clocks = clocks;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "sla", every = "{embargo.sla.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Tick t = tick(clock.instant());
        if (t.published() + t.closed() + t.warned() + t.breached() > 0) {
            Log.infof("sla run: %d published, %d closed, %d warnings, %d breaches", t.published(), t.closed(),
                    t.warned(), t.breached());
        }
    }

    /** One scheduler pass at {@code now}; safe to run concurrently with itself. */
    public Tick tick(Instant now) {
        int published = 0;
        for (String id : QuarkusTransaction.requiringNew().call(() -> publicationCandidates(now))) {
            if (QuarkusTransaction.requiringNew().call(() -> clocks.publishIfDue(id, now))) {
                published++;
            }
        }
        int reminded = reminders.run(now);
        int closed = 0;
        for (String id : QuarkusTransaction.requiringNew().call(() -> cases.silentCaseIds(now, config.batchSize()))) {
            if (QuarkusTransaction.requiringNew().call(() -> clocks.closeIfSilent(id, now))) {
                closed++;
            }
        }
        // PostgreSQL keeps microseconds: the clocks' rule compares with what it stored, so the tick's instant must too.
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        int warned = 0;
        for (int n = -1; n != 0;) {
            n = QuarkusTransaction.requiringNew().call(() -> warnBatch(at));
            warned += n;
        }
        int breached = 0;
        for (int n = -1; n != 0;) {
            n = QuarkusTransaction.requiringNew().call(() -> breachBatch(at));
            breached += n;
        }
        return new Tick(published, closed, warned, breached, reminded);
    }

    /**
     * Agreed cases whose earliest publication (date and heads-up notice) has come, and cases at their disclosure
     * deadline; which of them publish (or get scheduled) the case decides.
     */
    @SuppressWarnings("unchecked")
    private List<String> publicationCandidates(Instant now) {
        // Only cases whose projects do not hold them back, so agreed-but-unfixed cases never crowd the batch out.
        List<String> agreed = em.createNativeQuery("SELECT c.id FROM cases c WHERE c.disclosure_status = 'AGREED'"
                + " AND c.state IN ('TRIAGED', 'FIXING', 'FIXED') AND c.publish_not_before <= ?1"
                + " AND (c.publication_forced OR NOT EXISTS (SELECT 1 FROM case_projects p WHERE p.case_id = c.id"
                + " AND (p.status NOT IN ('FIXED', 'NOT_AFFECTED') OR p.date_stance = 'OBJECTED')))"
                + " ORDER BY c.publish_not_before LIMIT ?2").setParameter(1, Timestamp.from(now))
                .setParameter(2, config.batchSize()).getResultList();
        List<String> deadline = em
                .createNativeQuery("SELECT m.case_id FROM milestones m JOIN cases c ON c.id = m.case_id"
                        + " WHERE m.kind = 'DISCLOSE' AND m.due_at <= ?1 AND m.settled_at IS NULL AND m.breached_at IS NULL"
                        + " AND c.state IN ('TRIAGED', 'FIXING', 'FIXED') AND NOT c.publication_forced LIMIT ?2")
                .setParameter(1, Timestamp.from(now)).setParameter(2, config.batchSize()).getResultList();
        return Stream.concat(agreed.stream(), deadline.stream()).distinct().toList();
    }

    private int warnBatch(Instant now) {
        var claimed = claim("m.warn_at <= ?1 AND m.due_at > ?1 AND m.warned_at IS NULL"
                + " AND m.settled_at IS NULL AND m.breached_at IS NULL ORDER BY m.warn_at", now);
        var warned = clocks.markDueClocks(claimed, now, false);
        warned.forEach(kind -> registry.counter("embargo.sla.warning", "milestone", kind.name()).increment());
        return warned.size();
    }

    private int breachBatch(Instant now) {
        var claimed = claim("m.due_at <= ?1 AND m.settled_at IS NULL AND m.breached_at IS NULL ORDER BY m.due_at", now);
        var breached = clocks.markDueClocks(claimed, now, true);
        breached.forEach(kind -> registry.counter("embargo.sla.breached", "milestone", kind.name()).increment());
        return breached.size();
    }

    /**
     * Locks a batch of due milestone rows and their cases' rows; rows another run or a maintainer's step holds are
     * skipped, not waited for. A breach moves the case's next deadline, so it writes the case row too: holding both
     * locks from the start, the scheduler never waits for a step that waits for its clock.
     */
    @SuppressWarnings("unchecked")
    private List<Cases.DueClock> claim(String condition, Instant now) {
        List<Object[]> rows = em
                .createNativeQuery("SELECT m.id, m.case_id FROM milestones m JOIN cases c ON c.id = m.case_id WHERE "
                        + condition + " LIMIT ?2 FOR UPDATE OF m, c SKIP LOCKED")
                .setParameter(1, Timestamp.from(now)).setParameter(2, config.batchSize()).getResultList();
        return rows.stream().map(r -> new Cases.DueClock((String) r[0], (String) r[1])).toList();
    }
}
