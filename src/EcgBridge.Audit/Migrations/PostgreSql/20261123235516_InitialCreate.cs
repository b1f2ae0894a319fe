using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EcgBridge.Audit.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit",
                columns: table => new
                {
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    channel = table.Column<string>(type: "text", nullable: false),
                    source_system = table.Column<string>(type: "text", nullable: true),
                    message_id = table.Column<string>(type: "text", nullable: true),
                    dedupe_key = table.Column<string>(type: "text", nullable: false),
                    raw_sha256 = table.Column<string>(type: "text", nullable: true),
                    tensor_sha256 = table.Column<string>(type: "text", nullable: true),
                    model_name = table.Column<string>(type: "text", nullable: true),
                    model_version = table.Column<string>(type: "text", nullable: true),
                    model_sha256 = table.Column<string>(type: "text", nullable: true),
                    preprocessing_version = table.Column<string>(type: "text", nullable: true),
                    probability = table.Column<double>(type: "double precision", nullable: true),
                    risk = table.Column<string>(type: "text", nullable: true),
                    risk_assessment_id = table.Column<string>(type: "text", nullable: true),
                    outcome = table.Column<string>(type: "text", nullable: false),
                    error_codes = table.Column<string>(type: "text", nullable: true),
                    decode_ms = table.Column<double>(type: "double precision", nullable: true),
                    normalize_ms = table.Column<double>(type: "double precision", nullable: true),
                    score_ms = table.Column<double>(type: "double precision", nullable: true),
                    record_ms = table.Column<double>(type: "double precision", nullable: true),
                    patient_id_hash = table.Column<string>(type: "text", nullable: true),
                    prev_hash = table.Column<string>(type: "text", nullable: false),
                    hash = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "inbox",
                columns: table => new
                {
                    dedupe_key = table.Column<string>(type: "text", nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    channel = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    answer_code = table.Column<string>(type: "text", nullable: true),
                    answer_content_type = table.Column<string>(type: "text", nullable: true),
                    answer_body = table.Column<byte[]>(type: "bytea", nullable: true),
                    first_seq = table.Column<long>(type: "bigint", nullable: true),
                    result_seq = table.Column<long>(type: "bigint", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox", x => x.dedupe_key);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    audit_seq = table.Column<long>(type: "bigint", nullable: false),
                    dedupe_key = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error_code = table.Column<string>(type: "text", nullable: true),
                    last_http_status = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "risk_assessment",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    dedupe_key = table.Column<string>(type: "text", nullable: false),
                    audit_seq = table.Column<long>(type: "bigint", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: true),
                    occurrence = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    json = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_assessment", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_dedupe_key",
                table: "audit",
                column: "dedupe_key");

            migrationBuilder.CreateIndex(
                name: "ix_audit_message_id",
                table: "audit",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_patient_id_hash",
                table: "audit",
                column: "patient_id_hash");

            migrationBuilder.CreateIndex(
                name: "ix_audit_received_at",
                table: "audit",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_status_next_attempt_at",
                table: "outbox",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ux_outbox_dedupe_key_kind",
                table: "outbox",
                columns: new[] { "dedupe_key", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_risk_assessment_subject_occurrence",
                table: "risk_assessment",
                columns: new[] { "subject", "occurrence" });

            // Hand-written: audit rows are append-only. The trigger stops UPDATE, DELETE and TRUNCATE for every role
            // (a superuser can still disable it, which the hash chain then reveals). SQLSTATE EB001 names this refusal.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit rows are append-only (% refused)', TG_OP USING ERRCODE = 'EB001';
                END
                $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();");
            migrationBuilder.Sql("CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();");

            // Hand-written: the application role. Roles are cluster-wide and several databases (or processes) may run
            // this at once, so an existing role is fine. Deployments grant it to a login role: GRANT ecgbridge_app TO <login>.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    CREATE ROLE ecgbridge_app NOLOGIN;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL;
                END
                $$;
                """);
            migrationBuilder.Sql("REVOKE ALL ON audit, inbox, outbox, risk_assessment FROM PUBLIC;");
            migrationBuilder.Sql("GRANT SELECT, INSERT ON audit TO ecgbridge_app;");
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE ON inbox, outbox TO ecgbridge_app;");
            migrationBuilder.Sql("GRANT SELECT, INSERT ON risk_assessment TO ecgbridge_app;");
            migrationBuilder.Sql("GRANT SELECT ON \"__EFMigrationsHistory\" TO ecgbridge_app;");
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO ecgbridge_app', pg_get_serial_sequence('outbox', 'id'));
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The role stays: other databases in the cluster may use it.
            migrationBuilder.Sql("REVOKE ALL ON audit, inbox, outbox, risk_assessment FROM ecgbridge_app;");
            migrationBuilder.Sql("REVOKE ALL ON \"__EFMigrationsHistory\" FROM ecgbridge_app;");
            migrationBuilder.Sql("DROP TRIGGER audit_no_truncate ON audit;");
            migrationBuilder.Sql("DROP TRIGGER audit_append_only ON audit;");
            migrationBuilder.Sql("DROP FUNCTION audit_refuse_change();");

            migrationBuilder.DropTable(
                name: "audit");

            migrationBuilder.DropTable(
                name: "inbox");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "risk_assessment");
        }
    }
}
