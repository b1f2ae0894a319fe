-- Run after every `ecgbridge audit migrate` (as ecgbridge_owner or a superuser). The migration itself grants the
-- service role ecgbridge_app; this adds the read-only compliance role, which sees the audit table and nothing else
-- (risk_assessment holds subject references, inbox holds the answers sent: not for auditors).
\set ON_ERROR_STOP on
GRANT SELECT ON audit TO ecgbridge_auditor;
GRANT SELECT ON "__EFMigrationsHistory" TO ecgbridge_auditor;
