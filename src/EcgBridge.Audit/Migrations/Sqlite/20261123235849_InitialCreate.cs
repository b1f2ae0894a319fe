using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcgBridge.Audit.Migrations.Sqlite
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
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    channel = table.Column<string>(type: "TEXT", nullable: false),
                    source_system = table.Column<string>(type: "TEXT", nullable: true),
                    message_id = table.Column<string>(type: "TEXT", nullable: true),
                    dedupe_key = table.Column<string>(type: "TEXT", nullable: false),
                    raw_sha256 = table.Column<string>(type: "TEXT", nullable: true),
                    tensor_sha256 = table.Column<string>(type: "TEXT", nullable: true),
                    model_name = table.Column<string>(type: "TEXT", nullable: true),
                    model_version = table.Column<string>(type: "TEXT", nullable: true),
                    model_sha256 = table.Column<string>(type: "TEXT", nullable: true),
                    preprocessing_version = table.Column<string>(type: "TEXT", nullable: true),
                    probability = table.Column<double>(type: "REAL", nullable: true),
                    risk = table.Column<string>(type: "TEXT", nullable: true),
                    risk_assessment_id = table.Column<string>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", nullable: false),
                    error_codes = table.Column<string>(type: "TEXT", nullable: true),
                    decode_ms = table.Column<double>(type: "REAL", nullable: true),
                    normalize_ms = table.Column<double>(type: "REAL", nullable: true),
                    score_ms = table.Column<double>(type: "REAL", nullable: true),
                    record_ms = table.Column<double>(type: "REAL", nullable: true),
                    patient_id_hash = table.Column<string>(type: "TEXT", nullable: true),
                    prev_hash = table.Column<string>(type: "TEXT", nullable: false),
                    hash = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "inbox",
                columns: table => new
                {
                    dedupe_key = table.Column<string>(type: "TEXT", nullable: false),
                    first_seen_at = table.Column<long>(type: "INTEGER", nullable: false),
                    channel = table.Column<string>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", nullable: false),
                    answer_code = table.Column<string>(type: "TEXT", nullable: true),
                    answer_content_type = table.Column<string>(type: "TEXT", nullable: true),
                    answer_body = table.Column<byte[]>(type: "BLOB", nullable: true),
                    first_seq = table.Column<long>(type: "INTEGER", nullable: true),
                    result_seq = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox", x => x.dedupe_key);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    audit_seq = table.Column<long>(type: "INTEGER", nullable: false),
                    dedupe_key = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    done_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error_code = table.Column<string>(type: "TEXT", nullable: true),
                    last_http_status = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "risk_assessment",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    dedupe_key = table.Column<string>(type: "TEXT", nullable: false),
                    audit_seq = table.Column<long>(type: "INTEGER", nullable: false),
                    subject = table.Column<string>(type: "TEXT", nullable: true),
                    occurrence = table.Column<long>(type: "INTEGER", nullable: true),
                    json = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
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

            // Hand-written: audit rows are append-only; SQLite has no roles, so the triggers are the guard here.
            migrationBuilder.Sql("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only (UPDATE refused)'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only (DELETE refused)'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER audit_no_update;");

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
