-- The inbox's counts per state (issue 18) count a caller's cases in two disjoint parts: those one of their projects
-- leads (cases_project_state, index-only) and those where one of them is a partner. The lead project is always
-- position 0 of its case and never removed, so the partner rows are exactly position > 0: few, and found here without
-- reading every row of the caller's projects.
CREATE INDEX case_projects_partner ON case_projects (project_id, case_id) WHERE position > 0;
