-- Issue 18: a bucket's row is a few seconds of rate-limit state, not a record. Unlogged, its writes skip the WAL, so
-- the autocommit that creates or updates a bucket waits for no WAL flush (PostgreSQL commits a transaction that wrote
-- only unlogged tables without one): a reporter-API request that only takes a token commits without touching the disk.
-- What this gives up: after a PostgreSQL crash (not a clean restart) the table starts empty, so every client's limit
-- starts full again; and a streaming standby has no copy. Replicas of the service still share the table.
ALTER TABLE rate_limit_bucket SET UNLOGGED;
