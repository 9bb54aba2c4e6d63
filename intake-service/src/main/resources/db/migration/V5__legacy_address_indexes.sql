-- LegacyAddresses looks for client addresses stored before reporter pseudonyms at every start. Without these partial
-- indexes each look scanned its whole table (77 ms for intake.report at 200,000 reports, growing with the data);
-- with them an empty index answers at once. New rows never hold an address, so the indexes stay empty.
CREATE INDEX report_legacy_address ON report (reporter_key) WHERE reporter_key LIKE 'ip:%';
CREATE INDEX reporter_standing_legacy_address ON reporter_standing (reporter_key) WHERE reporter_key LIKE 'ip:%';
CREATE INDEX audit_log_legacy_address ON audit_log (target) WHERE target LIKE 'ip:%';
