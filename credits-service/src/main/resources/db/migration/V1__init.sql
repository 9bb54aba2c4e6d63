-- credits-service schema. Outbox, inbox and dead-letter tables come from platform-support (db/platform).
-- Only published cases ever reach this service (case.published), so nothing here is under embargo.

-- One row per published case: the advisory's public tracking id and when it was published.
CREATE TABLE publication (
    case_id      text PRIMARY KEY,
    tracking_id  text        NOT NULL UNIQUE,
    severity     text,
    published_at timestamptz NOT NULL
);

-- Projects an advisory covers; a case may span several hosted projects.
CREATE TABLE publication_project (
    case_id      text NOT NULL REFERENCES publication (case_id),
    project_slug text NOT NULL,
    PRIMARY KEY (case_id, project_slug)
);
CREATE INDEX publication_project_slug ON publication_project (project_slug);

-- One row per credit slot of a published case. (case_id, slot) is unique, so a case published again under a new
-- event id cannot credit (and score) the same slot twice.
CREATE TABLE credit (
    id                 uuid PRIMARY KEY,
    case_id            text        NOT NULL REFERENCES publication (case_id),
    slot               int         NOT NULL,
    credit_type        text        NOT NULL,
    name               text,
    handle             text,
    link               text,
    anonymous          boolean     NOT NULL,
    researcher_subject text,
    claimed_at         timestamptz,
    points             int         NOT NULL CHECK (points >= 0),
    credited_at        timestamptz NOT NULL,
    credit_year        int         NOT NULL,
    CONSTRAINT credit_slot_once UNIQUE (case_id, slot)
);
-- Leaderboards are per year.
CREATE INDEX credit_by_year ON credit (credit_year);
-- Claims and consent look credits up by the researcher's account.
CREATE INDEX credit_by_subject ON credit (researcher_subject) WHERE researcher_subject IS NOT NULL;

-- A signed-in researcher's public face: display name, link and whether they consent to be named at all.
CREATE TABLE researcher_profile (
    id           uuid PRIMARY KEY,
    subject      text        NOT NULL UNIQUE,
    display_name text,
    link         text,
    consent      boolean     NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      int         NOT NULL DEFAULT 0
);
