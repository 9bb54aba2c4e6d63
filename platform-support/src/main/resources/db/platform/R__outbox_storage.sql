-- Each outbox row is written once and updated once (sent, or another attempt). With pages left half empty the new
-- version stays on its row's page, where PostgreSQL logs only the bytes that changed; on a full page it moves, and the
-- whole sealed payload goes to the WAL a second time. Applies to pages written from now on. Repeatable (runs again
-- whenever this file changes), so it follows every service's own versions instead of slotting in before them.
ALTER TABLE outbox SET (fillfactor = 50);
