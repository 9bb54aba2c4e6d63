-- Issue 13, numbered 14.2 so it cannot collide with a parallel branch's V15.
-- Reporter-API rate limits shared by every triage replica: Bucket4j token buckets per client pseudonym
-- ('reporter:anon:<hmac>:<trackingId>', 'reporter-failures:anon:<hmac>'; never an address), state serialised by
-- Bucket4j. Rows of refilled buckets (expires_at, epoch milliseconds) go in ReporterRateLimit.removeExpiredBuckets.
CREATE TABLE rate_limit_bucket (
    id         text PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
CREATE INDEX rate_limit_bucket_expires ON rate_limit_bucket (expires_at);
