namespace EcgBridge.Audit;

// The append-only triggers, by name, as the migrations create them; the integrity check recreates missing ones from here.
// Migrations keep their own copies of older SQL: a migration must never change after it shipped.
internal static class AuditSchemaSql
{
    /// <summary>SQLite: every trigger that keeps audit and audit_checkpoint append-only, and its CREATE statement.</summary>
    public static readonly (string Name, string Create)[] SqliteTriggers =
    [
        ("audit_no_update", "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only (UPDATE refused)'); END;"),
        ("audit_no_delete", "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only (DELETE refused)'); END;"),

        // INSERT OR REPLACE deletes the conflicting row by conflict resolution, which fires no DELETE trigger unless
        // recursive_triggers is on; refusing any insert whose keys already exist closes that path before it starts.
        ("audit_no_replace", "CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit WHEN EXISTS (SELECT 1 FROM audit WHERE seq = NEW.seq OR (chain_id = NEW.chain_id AND chain_seq = NEW.chain_seq)) BEGIN SELECT RAISE(ABORT, 'audit rows are append-only (REPLACE refused)'); END;"),
        ("audit_checkpoint_no_update", "CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only (UPDATE refused)'); END;"),
        ("audit_checkpoint_no_delete", "CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only (DELETE refused)'); END;"),
        ("audit_checkpoint_no_replace", "CREATE TRIGGER audit_checkpoint_no_replace BEFORE INSERT ON audit_checkpoint WHEN EXISTS (SELECT 1 FROM audit_checkpoint WHERE id = NEW.id OR (chain_id = NEW.chain_id AND number = NEW.number)) BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only (REPLACE refused)'); END;"),
    ];

    /// <summary>PostgreSQL: every append-only trigger (name, DROP IF EXISTS and CREATE statements); all call audit_refuse_change().</summary>
    public static readonly (string Name, string Drop, string Create)[] PostgresTriggers =
    [
        ("audit_append_only", "DROP TRIGGER IF EXISTS audit_append_only ON audit;", "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();"),
        ("audit_no_truncate", "DROP TRIGGER IF EXISTS audit_no_truncate ON audit;", "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();"),
        ("audit_checkpoint_append_only", "DROP TRIGGER IF EXISTS audit_checkpoint_append_only ON audit_checkpoint;", "CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();"),
        ("audit_checkpoint_no_truncate", "DROP TRIGGER IF EXISTS audit_checkpoint_no_truncate ON audit_checkpoint;", "CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();"),
    ];

    /// <summary>PostgreSQL: the function the triggers call (as the initial migration creates it).</summary>
    public const string PostgresRefuseFunction = """
        CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit rows are append-only (% refused)', TG_OP USING ERRCODE = 'EB001';
        END
        $$;
        """;

    /// <summary>The application role of the PostgreSQL migrations.</summary>
    public const string PostgresAppRole = "ecgbridge_app";
}
