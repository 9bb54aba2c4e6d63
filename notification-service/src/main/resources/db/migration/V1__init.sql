-- notification-service schema. Outbox, inbox and dead-letter tables come from platform-support (db/platform).

-- Read model of project members (from project.membership-changed): who gets maintainer mail, who may use the API.
CREATE TABLE member (
    project_slug   text NOT NULL,
    subject        text NOT NULL,
    role           text NOT NULL,
    email          text,
    changed_at     timestamptz NOT NULL,
    PRIMARY KEY (project_slug, subject)
);
CREATE INDEX member_subject ON member (subject);

-- Read model of the parts of each project's policy that notifications need (from project.policy-published).
CREATE TABLE project_policy (
    project_slug      text PRIMARY KEY,
    project_id        text NOT NULL,
    version           int  NOT NULL,
    include_details   boolean NOT NULL,
    acknowledge_sla   text,
    assess_sla        text,
    heads_up_days     int
);

-- One row per tracking id: the reporter's contact and the report title, both encrypted at rest
-- (associated data tracked_report:<trackingId>:contact / :title), and the severity once triaged.
CREATE TABLE tracked_report (
    tracking_id      text PRIMARY KEY,
    report_id        text,
    project_slug     text NOT NULL,
    reporter_subject text,
    contact          bytea,
    title            bytea,
    severity         text
);

-- The delivery log: one row per (event, recipient, channel), written in the consumer's transaction; the sender job
-- delivers from it after commit. recipient names who without personal data (reporter, member:<subject>,
-- subscriber:<id>, webhook:<endpointId>); address and rendered mail are encrypted (delivery:<id>:<field>).
CREATE TABLE delivery (
    id              uuid PRIMARY KEY,
    event_id        text NOT NULL,
    event_type      text NOT NULL,
    project_slug    text NOT NULL,
    tracking_id     text,
    recipient       text NOT NULL,
    channel         text NOT NULL,
    endpoint_id     uuid,
    address         bytea,
    subject         bytea,
    body_text       bytea,
    body_html       bytea,
    payload         text,
    status          text NOT NULL,
    attempts        int  NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    claimed_until   timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    CONSTRAINT delivery_once UNIQUE (event_id, recipient, channel)
);
-- The sender job reads only pending rows that are due; the partial index keeps that cheap however many were sent.
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_by_project ON delivery (project_slug, created_at DESC);

-- Webhook endpoints registered by a project's maintainers; the signing secret is encrypted at rest.
CREATE TABLE webhook_endpoint (
    id                 uuid PRIMARY KEY,
    project_slug       text NOT NULL,
    url                text NOT NULL,
    event_types        text NOT NULL,
    secret             bytea NOT NULL,
    secret_fingerprint text NOT NULL,
    status             text NOT NULL,
    consecutive_failures int NOT NULL DEFAULT 0,
    created_by         text NOT NULL,
    created_at         timestamptz NOT NULL
);
CREATE INDEX webhook_endpoint_project ON webhook_endpoint (project_slug);

-- Heads-up subscribers (self-hosters, distributors) registered by a project's owners.
CREATE TABLE heads_up_subscriber (
    id           uuid PRIMARY KEY,
    project_slug text NOT NULL,
    email        text NOT NULL,
    name         text,
    created_at   timestamptz NOT NULL,
    CONSTRAINT heads_up_subscriber_once UNIQUE (project_slug, email)
);

-- Pending pre-disclosure notices, one per case; the scheduler releases the due ones.
CREATE TABLE heads_up (
    case_id         text PRIMARY KEY,
    tracking_id     text NOT NULL,
    project_slugs   text NOT NULL,
    disclosure_date date NOT NULL,
    due_at          timestamptz NOT NULL,
    released_at     timestamptz
);
CREATE INDEX heads_up_due ON heads_up (due_at) WHERE released_at IS NULL;

-- Opt-outs: a maintainer's channel choice per event type; no row means the default (on).
CREATE TABLE preference (
    subject    text NOT NULL,
    event_type text NOT NULL,
    channel    text NOT NULL,
    enabled    boolean NOT NULL,
    PRIMARY KEY (subject, event_type, channel)
);
