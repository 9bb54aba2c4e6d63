-- A delivery row carries the sealed mail (about 1.2 KB) and is updated at least twice: claimed, then sent or retried.
-- With pages left half empty each new version stays on its row's page: the claim (claimed_until is in no index) is a
-- HOT update, and PostgreSQL logs only the bytes that changed instead of the whole sealed mail again.
ALTER TABLE delivery SET (fillfactor = 50);
