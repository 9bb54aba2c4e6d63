package dev.embargo.triage.cases;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import dev.embargo.triage.sla.Severity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The collection of cases and their conversations; the queries are spelled out, each for its index. */
@ApplicationScoped
public class Cases implements PanacheRepositoryBase<Case, String> {

    /**
     * Filters of the maintainers' case list; null means "any".
     *
     * @param assignee
     *            the assignee's subject; empty for unassigned cases
     * @param byDeadline
     *            sorted by the next open deadline instead of newest first
     */
    public record Filter(Set<String> projectIds, CaseState state, Severity severity, String sla, Instant dueBefore,
            String finding, String assignee, String trackingId, boolean byDeadline) {

        public Filter(Set<String> projectIds, CaseState state, Severity severity, String sla, Instant dueBefore,
                String finding) {
            this(projectIds, state, severity, sla, dueBefore, finding, null, null, false);
        }

        public Filter(Set<String> projectIds, CaseState state, Severity severity, String sla, Instant dueBefore) {
            this(projectIds, state, severity, sla, dueBefore, null);
        }
    }

    /** A clock the SLA scheduler claimed (its row locked) and the case it belongs to. */
    public record DueClock(String milestoneId, String caseId) {
    }

    public Optional<Case> byId(String id) {
        return findByIdOptional(id);
    }

    public Optional<Case> byIdForUpdate(String id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Whether a case exists for the report, under its id or its tracking id: one query, no case loaded. */
    boolean existsForReport(String reportId, String trackingId) {
        return count("id = ?1 or trackingId = ?2", reportId, trackingId) > 0;
    }

    public Optional<Case> byTrackingId(String trackingId) {
        return find("from CaseFile where trackingId = ?1", trackingId).firstResultOptional();
    }

    public void add(Case c) {
        persist(c);
    }

    public void add(Message m) {
        getEntityManager().persist(m);
    }

    /**
     * Stable paging in SQL: newest first, ties broken by id; or the open clock due first, cases without one (closed,
     * published) last, newest first among them. Each order walks its index (cases_submitted, cases_next_due and with a
     * state cases_state_submitted, cases_state_next_due) and stops at the page.
     */
    public List<Case> list(Filter f, int page, int size) {
        String order = f.byDeadline() ? " order by c.nextDueAt asc nulls last, c.submittedAt desc, c.id"
                : " order by c.submittedAt desc, c.id";
        var query = getEntityManager().createQuery("select c from CaseFile c where " + where(f) + order, Case.class);
        bind(f, query);
        return query.setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    /**
     * How many cases the filter finds in each state (the filter's own state left out). Counted in two disjoint parts so
     * that neither reads every case: those led by one of the caller's projects (index-only on cases_project_state), and
     * those where one of them is only a partner (from the few partner rows, case_projects_partner). One semi-join over
     * all of a caller's cases read the whole table: 110-130 ms at 79,000 cases. {@code count(*)}, not {@code count(c)}:
     * counting the id reads it from every row, and the first part is then a sequential scan again.
     */
    public Map<CaseState, Long> countByState(Filter f) {
        var all = new Filter(f.projectIds(), null, f.severity(), f.sla(), f.dueBefore(), f.finding(), f.assignee(),
                f.trackingId(), f.byDeadline());
        var counts = new EnumMap<CaseState, Long>(CaseState.class);
        for (CaseState s : CaseState.values()) {
            counts.put(s, 0L);
        }
        for (String projects : List.of("c.projectId in :ids", "c.projectId not in :ids"
                + " and exists (select 1 from c.projects p where p.projectId in :ids and p.position > 0)")) {
            var query = getEntityManager().createQuery("select c.state, count(*) from CaseFile c where " + projects
                    + conditions(all) + " group by c.state", Object[].class);
            bind(all, query);
            query.getResultList().forEach(row -> counts.merge((CaseState) row[0], (Long) row[1], Long::sum));
        }
        return counts;
    }

    private static String where(Filter f) {
        // A case of one of the caller's projects, lead or partner: a semi-join on case_projects (case_id, project_id),
        // one index probe per row the order reads. "x member of c.projects" compiles to a subquery per candidate row
        // and per case, quadratic in the number of cases: 59 s at 10,000.
        return "exists (select 1 from c.projects p where p.projectId in :ids)" + conditions(f);
    }

    /** The filter's conditions besides the caller's projects, each starting with " and". */
    private static String conditions(Filter f) {
        StringBuilder q = new StringBuilder();
        if (f.state() != null) {
            q.append(" and c.state = :state");
        }
        if (f.severity() != null) {
            q.append(" and c.severity = :severity");
        }
        if ("BREACHED".equals(f.sla())) {
            q.append(
                    " and exists (select 1 from CaseFile o join o.milestones m where o = c and m.breachedAt is not null)");
        } else if ("WARNING".equals(f.sla())) {
            q.append(" and exists (select 1 from CaseFile o join o.milestones m where o = c and m.warnedAt is not null"
                    + " and m.breachedAt is null and m.settledAt is null)");
        } else if ("ON_TRACK".equals(f.sla())) {
            q.append(" and not exists (select 1 from CaseFile o join o.milestones m where o = c"
                    + " and (m.breachedAt is not null or (m.warnedAt is not null and m.settledAt is null)))");
        }
        if (f.dueBefore() != null) {
            // An open clock due by then: the earliest one is.
            q.append(" and c.nextDueAt <= :due");
        }
        if (f.finding() != null) {
            // A code ("out-of-scope:self-xss") or a kind of finding ("out-of-scope").
            q.append(" and exists (select 1 from CaseFinding f where f.caseId = c.id"
                    + " and (f.code = :finding or f.code like :findingKind))");
        }
        if (f.assignee() != null) {
            q.append(f.assignee().isEmpty() ? " and c.assignee is null" : " and c.assignee = :assignee");
        }
        if (f.trackingId() != null) {
            q.append(" and c.trackingId = :trackingId");
        }
        return q.toString();
    }

    private static void bind(Filter f, TypedQuery<?> query) {
        query.setParameter("ids", f.projectIds());
        if (f.state() != null) {
            query.setParameter("state", f.state());
        }
        if (f.severity() != null) {
            query.setParameter("severity", f.severity());
        }
        if (f.dueBefore() != null) {
            query.setParameter("due", f.dueBefore());
        }
        if (f.finding() != null) {
            query.setParameter("finding", f.finding()).setParameter("findingKind",
                    f.finding().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ":%");
        }
        if (f.assignee() != null && !f.assignee().isEmpty()) {
            query.setParameter("assignee", f.assignee());
        }
        if (f.trackingId() != null) {
            query.setParameter("trackingId", f.trackingId());
        }
    }

    /** The reports a signed-in reporter submitted, newest first. */
    public List<Case> byReporter(String subject, int limit) {
        return getEntityManager()
                .createQuery("from CaseFile where reporterSubject = :s order by submittedAt desc, id", Case.class)
                .setParameter("s", subject).setMaxResults(limit).getResultList();
    }

    /** The conversation in order; the caller filters what its reader may see. */
    public List<Message> messages(String caseId) {
        return getEntityManager().createQuery("from Message where caseId = :c order by postedAt, id", Message.class)
                .setParameter("c", caseId).getResultList();
    }

    /** Waiting cases past the policy's silence limit (indexed on silence_deadline). */
    public List<String> silentCaseIds(Instant now, int limit) {
        return getEntityManager()
                .createQuery("select c.id from CaseFile c where c.state = :s and c.silenceDeadline <= :now",
                        String.class)
                .setParameter("s", CaseState.NEEDS_INFO).setParameter("now", now).setMaxResults(limit).getResultList();
    }

}
