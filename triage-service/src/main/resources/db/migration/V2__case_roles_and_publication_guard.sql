-- Publication guard: when the agreed date was agreed, the heads-up notice it implies, the earliest publication, and
-- whether an owner's override or an opted-in policy deadline waived "every project fixed".
ALTER TABLE cases ADD COLUMN agreed_at          timestamptz;
ALTER TABLE cases ADD COLUMN heads_up_days      int;
ALTER TABLE cases ADD COLUMN heads_up_at        timestamptz;
ALTER TABLE cases ADD COLUMN publish_not_before timestamptz;
ALTER TABLE cases ADD COLUMN publication_forced boolean NOT NULL DEFAULT false;

-- Cases agreed before this version publish on their date as before.
UPDATE cases SET publish_not_before = disclosure_date::timestamp AT TIME ZONE 'UTC'
 WHERE disclosure_status = 'AGREED' AND publish_not_before IS NULL;

-- The scheduler looks for agreed cases whose earliest publication has come.
DROP INDEX cases_disclosure_agreed;
CREATE INDEX cases_publication_due ON cases (publish_not_before)
    WHERE disclosure_status = 'AGREED' AND state IN ('TRIAGED', 'FIXING', 'FIXED');

-- A partner project's answer to the proposed date (AGREED / OBJECTED); an objection holds publication back.
ALTER TABLE case_projects ADD COLUMN date_stance text;

-- The scheduler asks, per agreed case, whether any of its projects still holds publication back.
CREATE INDEX case_projects_case ON case_projects (case_id);
