-- triage-service schema. Outbox, inbox and dead-letter tables come from platform-support (db/platform).

-- Read models of intake's registry: projects, policy versions and memberships (checked on every request).
CREATE TABLE projects (
    id   text PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    name text
);

CREATE TABLE policies (
    id         text PRIMARY KEY,          -- <projectId>:<version>
    project_id text    NOT NULL,
    version    int     NOT NULL,
    document   text    NOT NULL,          -- the SecurityPolicy JSON as published (no report content)
    UNIQUE (project_id, version)
);

CREATE TABLE memberships (
    id         text PRIMARY KEY,          -- <projectId>:<subject>
    project_id text NOT NULL,
    subject    text NOT NULL,
    role       text NOT NULL
);
CREATE INDEX memberships_subject ON memberships (subject);

-- One case per report. Content and contact are AEAD ciphertexts bound to cases:<id>:<field>.
CREATE TABLE cases (
    id                 text PRIMARY KEY,
    tracking_id        text        NOT NULL UNIQUE,
    project_id         text        NOT NULL,
    project_slug       text        NOT NULL,
    policy_version     int         NOT NULL,
    state              text        NOT NULL,
    state_before_info  text,
    resolution         text,
    duplicate_of       text,
    severity           text,
    cvss_vector        text,
    cvss_score         double precision,
    cwe_ids            text,
    assignee           text,
    reporter_subject   text,
    report_token_hash  text        NOT NULL,
    content            bytea       NOT NULL,
    contact            bytea,
    submitted_at       timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    silence_deadline   timestamptz,
    disclosure_date    date,
    disclosure_status  text,
    version            bigint      NOT NULL DEFAULT 0
);
CREATE INDEX cases_project_state ON cases (project_id, state);
-- Auto-close after the policy's silence limit: only waiting cases are in this index.
-- Publication on the agreed date: only confirmed cases with an agreed date are in this index.
CREATE INDEX cases_disclosure_agreed ON cases (disclosure_date)
    WHERE disclosure_status = 'AGREED' AND state IN ('TRIAGED', 'FIXING', 'FIXED');
CREATE INDEX cases_silence_due ON cases (silence_deadline) WHERE state = 'NEEDS_INFO';

-- Every project a case affects (the first is the reporting project), with its own status.
CREATE TABLE case_projects (
    id              text PRIMARY KEY,     -- <caseId>:<projectId>
    case_id         text NOT NULL REFERENCES cases (id),
    project_id      text NOT NULL,
    project_slug    text NOT NULL,
    status          text NOT NULL,
    fixed_versions  text,
    statement       text,
    position        int  NOT NULL
);
CREATE INDEX case_projects_project ON case_projects (project_id);

-- Append-only workflow history: who, when, from, to, why.
CREATE TABLE case_history (
    id          bigserial PRIMARY KEY,
    case_id     text        NOT NULL REFERENCES cases (id),
    position    int         NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor       text,
    action      text        NOT NULL,
    from_state  text        NOT NULL,
    to_state    text        NOT NULL,
    reason      text,
    UNIQUE (case_id, position)
);

-- Conversation. Body is an AEAD ciphertext bound to case_messages:<id>:body.
CREATE TABLE case_messages (
    id          text PRIMARY KEY,
    case_id     text        NOT NULL REFERENCES cases (id),
    posted_at   timestamptz NOT NULL,
    author_kind text        NOT NULL,
    author      text,
    visibility  text        NOT NULL,
    project_id  text,
    body        bytea       NOT NULL
);
CREATE INDEX case_messages_case ON case_messages (case_id, posted_at);

-- SLA milestones. due_at/warn_at are NULL while paused (remaining time kept in paused_remaining_ms).
CREATE TABLE milestones (
    id                  text PRIMARY KEY,
    case_id             text        NOT NULL REFERENCES cases (id),
    kind                text        NOT NULL,
    started_at          timestamptz NOT NULL,
    due_at              timestamptz,
    warn_at             timestamptz,
    paused_remaining_ms bigint,
    paused_warn_ms      bigint,
    settled_at          timestamptz,
    warned_at           timestamptz,
    breached_at         timestamptz
);
-- The scheduler's queries: cost grows with what is due, not with what is open.
CREATE INDEX milestones_due ON milestones (due_at) WHERE settled_at IS NULL AND breached_at IS NULL;
CREATE INDEX milestones_warn ON milestones (warn_at) WHERE settled_at IS NULL AND warned_at IS NULL AND breached_at IS NULL;
CREATE INDEX milestones_case ON milestones (case_id);
