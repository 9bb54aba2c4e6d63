-- Issue 13, numbered 14.1 so it sorts after issue 14's migration and cannot collide with a parallel branch's V15.
-- The history reason, each project's fixed versions and statement, the CVSS vector and the CWE ids become AEAD
-- ciphertexts under the at-rest keyset, bound to their row and field (like report content and messages):
--   case_history:<caseId>:<position>:reason, case_projects:<id>:<column>, cases:<id>:<column>.
-- Severity and score stay plain: the case list filters and sorts by them.
-- What the plaintext columns held moves to legacy_* columns; the service seals it at start-up (LegacyPlaintext) and
-- clears them. A later migration drops the legacy_* columns once every instance has run it.
ALTER TABLE case_history RENAME COLUMN reason TO legacy_reason;
ALTER TABLE case_history ADD COLUMN reason bytea;

ALTER TABLE case_projects RENAME COLUMN fixed_versions TO legacy_fixed_versions;
ALTER TABLE case_projects ADD COLUMN fixed_versions bytea;
ALTER TABLE case_projects RENAME COLUMN statement TO legacy_statement;
ALTER TABLE case_projects ADD COLUMN statement bytea;

ALTER TABLE cases RENAME COLUMN cvss_vector TO legacy_cvss_vector;
ALTER TABLE cases ADD COLUMN cvss_vector bytea;
ALTER TABLE cases RENAME COLUMN cwe_ids TO legacy_cwe_ids;
ALTER TABLE cases ADD COLUMN cwe_ids bytea;
