-- LegacyPlaintext looks for values still in plaintext from before V14_1 at every start. Without these partial indexes
-- each look scanned its whole table (149 ms for triage.cases at 200,000 cases, growing with the data); with them an
-- empty index answers at once. Rows written since V14_1 are sealed, so the indexes stay empty.
CREATE INDEX case_history_legacy_plaintext ON case_history (id) WHERE legacy_reason IS NOT NULL;
CREATE INDEX case_projects_legacy_plaintext ON case_projects (id)
    WHERE legacy_fixed_versions IS NOT NULL OR legacy_statement IS NOT NULL;
CREATE INDEX cases_legacy_plaintext ON cases (id) WHERE legacy_cvss_vector IS NOT NULL OR legacy_cwe_ids IS NOT NULL;
