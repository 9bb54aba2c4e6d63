-- Tracking-id numbers come from one sequence per project instead of project.report_counter. Bumping the counter
-- needed the project row lock until commit, which queued every submission to a project behind the one before it;
-- nextval takes no such lock. The sequence is named after the project id (never the slug, which is user input):
-- report_seq_<project id as 32 hex digits>, created from now on in the transaction that registers the project.
-- Numbers keep increasing but may have gaps: a number drawn by a submission that then rolls back is not reused.
DO $$
DECLARE
    p record;
BEGIN
    FOR p IN SELECT id, report_counter FROM project LOOP
        EXECUTE format('CREATE SEQUENCE %I AS bigint START WITH %s CACHE 1 NO CYCLE',
                       'report_seq_' || replace(p.id::text, '-', ''), p.report_counter + 1);
    END LOOP;
END
$$;

-- No longer read or written. Kept for one release so that instances of the previous version can still read projects
-- while a rollout replaces them (their submissions number from this column and may then fail on the tracking_id unique
-- key: refused, never stored twice). A later migration drops it.
COMMENT ON COLUMN project.report_counter IS 'unused since V2: tracking ids come from the sequence report_seq_<project id hex>';
