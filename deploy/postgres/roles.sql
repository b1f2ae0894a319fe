-- EcgBridge database roles. Run once per cluster as a superuser, BEFORE the first migration:
--   psql -v owner_password=… -v svc_password=… -v auditor_password=… -d ecgbridge -f roles.sql
-- (docker-compose runs it from initdb/10-roles.sh with the passwords from deploy/env/postgres.env).
--
--   ecgbridge_owner    LOGIN  owns the database and its tables; runs `ecgbridge audit migrate`. Never used by the service.
--   ecgbridge_app      NOLOGIN group role; the audit migration (InitialCreate) grants it SELECT, INSERT on audit and
--                      risk_assessment, SELECT, INSERT, UPDATE on inbox and outbox, the outbox sequence and SELECT on
--                      the migrations history. Created here too (same guard as the migration) so logins can join it now.
--   ecgbridge_svc      LOGIN  the service (EcgBridge__Audit__ConnectionString), member of ecgbridge_app, with
--                      EcgBridge__Audit__MigrateOnStart=false.
--   ecgbridge_auditor  LOGIN  compliance reads (`ecgbridge audit search|export|verify --postgres`): SELECT on audit only,
--                      granted by after-migrate.sql once the table exists.

\set ON_ERROR_STOP on

-- CREATEROLE: PostgreSQL checks the privilege before it looks whether the role exists, so the migration's guarded
-- CREATE ROLE ecgbridge_app needs it even though the role is created below.
SELECT format('CREATE ROLE ecgbridge_owner LOGIN CREATEROLE PASSWORD %L', :'owner_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecgbridge_owner') \gexec

DO $$
BEGIN
    CREATE ROLE ecgbridge_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

SELECT format('CREATE ROLE ecgbridge_svc LOGIN PASSWORD %L IN ROLE ecgbridge_app', :'svc_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecgbridge_svc') \gexec

SELECT format('CREATE ROLE ecgbridge_auditor LOGIN PASSWORD %L', :'auditor_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecgbridge_auditor') \gexec

-- The owner creates the schema objects; nobody else may create anything in public.
ALTER DATABASE ecgbridge OWNER TO ecgbridge_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO ecgbridge_owner;
GRANT USAGE ON SCHEMA public TO ecgbridge_app, ecgbridge_auditor;
GRANT CONNECT ON DATABASE ecgbridge TO ecgbridge_app, ecgbridge_auditor;
REVOKE CONNECT ON DATABASE ecgbridge FROM PUBLIC;
