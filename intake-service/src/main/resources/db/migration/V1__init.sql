-- intake-service schema. Outbox, inbox and dead-letter tables come from platform-support (db/platform).

-- A hosted project. report_counter feeds the readable tracking ids (OPENPANEL-2026-0007); it is bumped under a row
-- lock so two concurrent submissions never share a number.
CREATE TABLE project (
    id                     uuid PRIMARY KEY,
    slug                   text        NOT NULL UNIQUE,
    name                   text        NOT NULL,
    homepage               text,
    registered_at          timestamptz NOT NULL,
    report_counter         int         NOT NULL DEFAULT 0,
    current_policy_version int
);

-- Who owns or maintains a project, keyed by OIDC subject. The email is where the member wants platform mail.
CREATE TABLE membership (
    project_id uuid        NOT NULL REFERENCES project (id),
    subject    text        NOT NULL,
    role       text        NOT NULL CHECK (role IN ('OWNER', 'MAINTAINER')),
    email      text,
    since      timestamptz NOT NULL,
    PRIMARY KEY (project_id, subject)
);
CREATE INDEX membership_by_subject ON membership (subject);

-- Every published policy version, immutable: reports point at the version they were checked against.
CREATE TABLE policy_version (
    project_id   uuid        NOT NULL REFERENCES project (id),
    version      int         NOT NULL,
    published_at timestamptz NOT NULL,
    published_by text        NOT NULL,
    document     text        NOT NULL,
    PRIMARY KEY (project_id, version)
);

-- A submitted report: immutable evidence. Content lives only in report_field, encrypted.
CREATE TABLE report (
    id               uuid PRIMARY KEY,
    project_id       uuid        NOT NULL REFERENCES project (id),
    tracking_id      text        NOT NULL UNIQUE,
    policy_version   int         NOT NULL,
    submitted_at     timestamptz NOT NULL,
    reporter_subject text,
    -- Who submitted, for resubmission and bans: 'sub:<oidc subject>' or, for anonymous reporters, 'ip:<client>'.
    reporter_key     text        NOT NULL,
    -- SHA-256 of the reporter identity and the normalised content: an identical resubmission finds its report.
    fingerprint      text        NOT NULL,
    token_hash       text        NOT NULL,
    findings         text        NOT NULL,
    acknowledge_due  timestamptz,
    UNIQUE (project_id, fingerprint)
);
CREATE INDEX report_by_token ON report (project_id, token_hash);

-- One AEAD ciphertext per content field (title, description, ..., contact), bound to report:<id>:<name>.
CREATE TABLE report_field (
    report_id  uuid  NOT NULL REFERENCES report (id),
    name       text  NOT NULL,
    ciphertext bytea NOT NULL,
    PRIMARY KEY (report_id, name)
);

-- Rejected low-effort reports per reporter and project; at the policy's threshold the reporter is banned.
CREATE TABLE reporter_standing (
    project_id   uuid        NOT NULL REFERENCES project (id),
    reporter_key text        NOT NULL,
    strikes      int         NOT NULL DEFAULT 0,
    banned_at    timestamptz,
    PRIMARY KEY (project_id, reporter_key)
);
