package dev.embargo.triage.sla;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.embargo.events.SlaBreached;
import dev.embargo.events.SlaMilestone;
import dev.embargo.events.SlaWarning;
import dev.embargo.platform.outbox.Outbox;
import dev.embargo.triage.cases.CaseWorkflow;
import dev.embargo.triage.cases.Cases;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Finds due milestones through the partial indexes on {@code due_at}/{@code warn_at} (cost grows with what is due, not
 * with what is open), claims each row with {@code FOR UPDATE SKIP LOCKED} plus a conditional update, and writes the
 * event to the outbox in that same transaction: one {@code sla.warning} and one {@code sla.breached} per milestone,
 * however many instances run. Also closes silent cases and publishes cases whose disclosure is due.
 */
@ApplicationScoped
public class SlaScheduler {

    /** What one run did. */
    public record Tick(int published, int closed, int warned, int breached, int reminded) {
    }

    private final EntityManager em;
    private final Outbox outbox;
    private final Cases cases;
    private final CaseWorkflow workflow;
    private final SlaConfig config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final SilenceReminders reminders;

    SlaScheduler(EntityManager em, Outbox outbox, Cases cases, CaseWorkflow workflow, SlaConfig config, Clock clock,
            MeterRegistry registry, SilenceReminders reminders) {
        this.reminders = reminders;
        this.em = em;
        this.registry = registry;
        this.outbox = outbox;
        this.cases = cases;
        this.workflow = workflow;
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
            if (QuarkusTransaction.requiringNew().call(() -> workflow.publishIfDue(id, now))) {
                published++;
            }
        }
        int reminded = reminders.run(now);
        int closed = 0;
        for (String id : QuarkusTransaction.requiringNew().call(() -> cases.silentCaseIds(now, config.batchSize()))) {
            if (QuarkusTransaction.requiringNew().call(() -> workflow.closeIfSilent(id, now))) {
                closed++;
            }
        }
        int warned = 0;
        for (int n = -1; n != 0;) {
            n = QuarkusTransaction.requiringNew().call(() -> warnBatch(now));
            warned += n;
        }
        int breached = 0;
        for (int n = -1; n != 0;) {
            n = QuarkusTransaction.requiringNew().call(() -> breachBatch(now));
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
        return java.util.stream.Stream.concat(agreed.stream(), deadline.stream()).distinct().toList();
    }

    private int warnBatch(Instant now) {
        List<Object[]> due = claim("m.warn_at <= ?1 AND m.due_at > ?1 AND m.warned_at IS NULL"
                + " AND m.settled_at IS NULL AND m.breached_at IS NULL ORDER BY m.warn_at", now);
        int n = 0;
        for (Object[] row : due) {
            int updated = em
                    .createNativeQuery("UPDATE milestones SET warned_at = ?1 WHERE id = ?2"
                            + " AND warned_at IS NULL AND settled_at IS NULL AND breached_at IS NULL")
                    .setParameter(1, Timestamp.from(now)).setParameter(2, row[0]).executeUpdate();
            if (updated == 1) {
                outbox.append(new SlaWarning((String) row[0], (String) row[3], (String) row[4], (String) row[5],
                        SlaMilestone.valueOf((String) row[1]), instant(row[2]), now));
                registry.counter("embargo.sla.warning", "milestone", (String) row[1]).increment();
                n++;
            }
        }
        return due.isEmpty() ? 0 : Math.max(n, 1);
    }

    private int breachBatch(Instant now) {
        List<Object[]> due = claim(
                "m.due_at <= ?1 AND m.settled_at IS NULL AND m.breached_at IS NULL" + " ORDER BY m.due_at", now);
        int n = 0;
        for (Object[] row : due) {
            int updated = em
                    .createNativeQuery("UPDATE milestones SET breached_at = ?1 WHERE id = ?2"
                            + " AND settled_at IS NULL AND breached_at IS NULL")
                    .setParameter(1, Timestamp.from(now)).setParameter(2, row[0]).executeUpdate();
            if (updated == 1) {
                outbox.append(new SlaBreached((String) row[0], (String) row[3], (String) row[4], (String) row[5],
                        SlaMilestone.valueOf((String) row[1]), instant(row[2]), now));
                registry.counter("embargo.sla.breached", "milestone", (String) row[1]).increment();
                n++;
            }
        }
        return due.isEmpty() ? 0 : Math.max(n, 1);
    }

    /** Locks a batch of due milestone rows; rows another run holds are skipped, not waited for. */
    @SuppressWarnings("unchecked")
    private List<Object[]> claim(String condition, Instant now) {
        return em
                // A milestone's own project (each affected project's clocks are its own); older rows are the lead's.
                .createNativeQuery("SELECT m.id, m.kind, m.due_at, c.id AS case_id, c.tracking_id,"
                        + " COALESCE(m.project_slug, c.project_slug)"
                        + " FROM milestones m JOIN cases c ON c.id = m.case_id WHERE " + condition
                        + " LIMIT ?2 FOR UPDATE OF m SKIP LOCKED")
                .setParameter(1, Timestamp.from(now)).setParameter(2, config.batchSize()).getResultList();
    }

    private static Instant instant(Object value) {
        return switch (value) {
        case Timestamp ts -> ts.toInstant();
        case Instant i -> i;
        case java.time.OffsetDateTime o -> o.toInstant();
        default -> throw new IllegalStateException("unexpected timestamp type");
        };
    }
}
