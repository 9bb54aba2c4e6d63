-- Numbered after issue 14, so it cannot collide with migrations of parallel branches.
-- Issue 14: each affected project's SLA clocks come from its own policy, and the gate's findings travel with the case.

-- The project a milestone belongs to; NULL on rows from before V2, which are the lead project's.
ALTER TABLE milestones ADD COLUMN project_id text;
ALTER TABLE milestones ADD COLUMN project_slug text;

-- What intake's gate flagged, with the policy sentence behind each finding (public policy text, never report text).
CREATE TABLE case_findings (
    id              text PRIMARY KEY,     -- <caseId>:<position>
    case_id         text NOT NULL REFERENCES cases (id),
    position        int  NOT NULL,
    code            text NOT NULL,
    policy_sentence text,
    UNIQUE (case_id, code)
);
-- Filtering the case list by finding.
CREATE INDEX case_findings_code ON case_findings (code, case_id);

-- Reminders sent to a silent reporter before the case closes for silence: one per waiting period (its deadline).
CREATE TABLE silence_reminders (
    case_id          text        NOT NULL REFERENCES cases (id),
    silence_deadline timestamptz NOT NULL,
    reminded_at      timestamptz NOT NULL,
    PRIMARY KEY (case_id, silence_deadline)
);

-- The coordinated disclosure instant: date, hour and the time zone they were agreed in (disclosure_date stays the
-- agreed day in that zone). Rows from before V2 mean the start of disclosure_date in UTC.
ALTER TABLE cases ADD COLUMN disclosure_at timestamptz;
ALTER TABLE cases ADD COLUMN disclosure_zone text;
UPDATE cases SET disclosure_at = disclosure_date::timestamp AT TIME ZONE 'UTC', disclosure_zone = 'UTC'
    WHERE disclosure_date IS NOT NULL;
CREATE INDEX cases_disclosure_at_agreed ON cases (disclosure_at)
    WHERE disclosure_status = 'AGREED' AND state IN ('TRIAGED', 'FIXING', 'FIXED');
