-- Security-relevant actions (memberships, registrations, policy versions, ban lifts, key rotations): who, when, what,
-- and whether with platform-admin powers. Identifiers and roles only, never report content or addresses.
CREATE TABLE audit_log (
    id                bigserial PRIMARY KEY,
    occurred_at       timestamptz NOT NULL,
    actor             text,
    by_platform_admin boolean     NOT NULL,
    project_id        uuid,
    project_slug      text,
    action            text        NOT NULL,
    target            text,
    detail            text
);
CREATE INDEX audit_log_project ON audit_log (project_id, occurred_at DESC);
CREATE INDEX audit_log_time ON audit_log (occurred_at DESC);
