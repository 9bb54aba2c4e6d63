#!/bin/sh
# One login role and one schema per service; a role can touch only its own schema.
set -eu
for svc in intake triage notification credits; do
  pw=$(eval echo "\${DB_PASSWORD_$(echo $svc | tr a-z A-Z)}")
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname embargo <<SQL
REVOKE ALL ON SCHEMA public FROM PUBLIC;
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$svc') THEN CREATE ROLE $svc LOGIN; END IF;
END \$\$;
ALTER ROLE $svc PASSWORD '$pw';
CREATE SCHEMA IF NOT EXISTS $svc AUTHORIZATION $svc;
ALTER ROLE $svc SET search_path = $svc;
SQL
done
