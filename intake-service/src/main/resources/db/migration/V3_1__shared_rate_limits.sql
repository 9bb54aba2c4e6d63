-- Issue 13, numbered 3.1 so it cannot collide with a parallel branch's V4.
-- Submission rate limits shared by every intake replica: one Bucket4j token bucket per client pseudonym
-- ('submissions:anon:<hmac of the client address>', never an address), its state serialised by Bucket4j.
-- A row whose bucket has refilled (expires_at, epoch milliseconds) is deleted by SubmissionLimiter.removeExpiredBuckets.
CREATE TABLE rate_limit_bucket (
    id         text PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
CREATE INDEX rate_limit_bucket_expires ON rate_limit_bucket (expires_at);
