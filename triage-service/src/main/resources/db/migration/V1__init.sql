-- triage-service schema. Outbox, inbox and dead-letter tables come from platform-support (db/platform).
SELECT 1;
