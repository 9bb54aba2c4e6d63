-- Delivery tables every service has in its own schema (Flyway location db/platform, versions below V1).

-- Transactional outbox: written in the same transaction as the state change, published by the relay.
CREATE TABLE outbox (
    id          uuid PRIMARY KEY,
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    event_type  text        NOT NULL,
    source      text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    payload     bytea       NOT NULL,
    headers     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    seq         bigserial   NOT NULL,
    sent_at     timestamptz,
    attempts    int         NOT NULL DEFAULT 0
);
-- The relay reads only unsent rows, oldest first; the partial index keeps that cheap however many were sent.
CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;

-- Idempotent consumer: one row per processed event id, committed with the effect.
CREATE TABLE inbox (
    event_id     text PRIMARY KEY,
    event_type   text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Events that could not be processed after bounded retries; the payload itself is in the dead-letter topic.
CREATE TABLE dead_letter (
    id          bigserial PRIMARY KEY,
    event_id    text,
    event_type  text,
    topic       text        NOT NULL,
    kafka_partition int     NOT NULL,
    kafka_offset bigint     NOT NULL,
    reason      text        NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
