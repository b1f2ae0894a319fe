#!/usr/bin/env bash
# Run once by the postgres image on an empty data volume (docker-entrypoint-initdb.d), as the superuser.
set -euo pipefail
psql --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v owner_password="$ECGBRIDGE_OWNER_PASSWORD" \
    -v svc_password="$ECGBRIDGE_SVC_PASSWORD" \
    -v auditor_password="$ECGBRIDGE_AUDITOR_PASSWORD" \
    -f /ecgbridge/roles.sql
