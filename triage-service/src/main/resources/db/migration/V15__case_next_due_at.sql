-- The inbox's "next deadline first" (issue 18): the case's next open deadline, the earliest due_at of its running
-- clocks (neither settled nor breached; a paused clock has none), stored on the case and kept by the aggregate
-- (Case#nextDueAt) whenever a clock starts, settles, pauses, resumes or breaches. Before this the list computed it per
-- case with a correlated subquery over milestones and sorted every case of the caller's projects for each page.
ALTER TABLE cases ADD COLUMN next_due_at timestamptz;

UPDATE cases c SET next_due_at = n.due
FROM (SELECT case_id, min(due_at) AS due FROM milestones
      WHERE settled_at IS NULL AND breached_at IS NULL GROUP BY case_id) n
WHERE n.case_id = c.id AND n.due IS NOT NULL;

-- The list's two orders, with and without its state filter, exactly as it sorts (ASC is NULLS LAST: cases without an
-- open clock last; newest first, then id): the planner walks an index and stops at the page instead of sorting every
-- case of the caller's projects.
CREATE INDEX cases_next_due ON cases (next_due_at ASC NULLS LAST, submitted_at DESC, id);
CREATE INDEX cases_state_next_due ON cases (state, next_due_at ASC NULLS LAST, submitted_at DESC, id);
CREATE INDEX cases_submitted ON cases (submitted_at DESC, id);
CREATE INDEX cases_state_submitted ON cases (state, submitted_at DESC, id);

-- The caller's projects, checked per row the order reads (case_id, project_id), or, for a caller whose projects hold
-- few cases, their cases found first (project_id, case_id); both index-only. They replace the single-column ones.
CREATE INDEX case_projects_case_project ON case_projects (case_id, project_id);
CREATE INDEX case_projects_project_case ON case_projects (project_id, case_id);
DROP INDEX case_projects_case;
DROP INDEX case_projects_project;
