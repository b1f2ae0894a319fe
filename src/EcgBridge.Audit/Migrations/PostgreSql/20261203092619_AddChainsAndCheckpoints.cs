using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EcgBridge.Audit.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddChainsAndCheckpoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "chain_id",
                table: "audit",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "chain_seq",
                table: "audit",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "hash_version",
                table: "audit",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "outbox_sha256",
                table: "audit",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "risk_assessment_sha256",
                table: "audit",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_checkpoint",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    chain_id = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    row_count = table.Column<long>(type: "bigint", nullable: false),
                    head_hash = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    key_id = table.Column<string>(type: "text", nullable: false),
                    algorithm = table.Column<string>(type: "text", nullable: false),
                    signature = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_checkpoint", x => x.id);
                });

            // Hand-written: rows written before chains existed form chain 0 in seq order (their v1 hashes do not cover
            // chain_seq, so they stay verifiable). The append-only trigger is off for this one statement only.
            migrationBuilder.Sql("ALTER TABLE audit DISABLE TRIGGER audit_append_only;");
            migrationBuilder.Sql("UPDATE audit SET chain_seq = seq;");
            migrationBuilder.Sql("ALTER TABLE audit ENABLE TRIGGER audit_append_only;");

            migrationBuilder.CreateIndex(
                name: "ux_audit_chain_id_chain_seq",
                table: "audit",
                columns: new[] { "chain_id", "chain_seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_audit_checkpoint_chain_id_number",
                table: "audit_checkpoint",
                columns: new[] { "chain_id", "number" },
                unique: true);

            // Hand-written: chains append concurrently, so the global seq comes from a sequence, not max(seq) + 1.
            migrationBuilder.Sql("CREATE SEQUENCE audit_seq_global;");
            migrationBuilder.Sql("SELECT setval('audit_seq_global', COALESCE((SELECT max(seq) FROM audit), 0) + 1, false);");
            migrationBuilder.Sql("GRANT USAGE ON SEQUENCE audit_seq_global TO ecgbridge_app;");

            // Hand-written: checkpoints are append-only like audit rows; the application role may INSERT and SELECT only.
            migrationBuilder.Sql("CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();");
            migrationBuilder.Sql("CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();");
            migrationBuilder.Sql("REVOKE ALL ON audit_checkpoint FROM PUBLIC;");
            migrationBuilder.Sql("GRANT SELECT, INSERT ON audit_checkpoint TO ecgbridge_app;");
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO ecgbridge_app', pg_get_serial_sequence('audit_checkpoint', 'id'));
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("REVOKE ALL ON audit_checkpoint FROM ecgbridge_app;");
            migrationBuilder.Sql("DROP SEQUENCE audit_seq_global;");

            migrationBuilder.DropTable(
                name: "audit_checkpoint");

            migrationBuilder.DropIndex(
                name: "ux_audit_chain_id_chain_seq",
                table: "audit");

            migrationBuilder.DropColumn(
                name: "chain_id",
                table: "audit");

            migrationBuilder.DropColumn(
                name: "chain_seq",
                table: "audit");

            migrationBuilder.DropColumn(
                name: "hash_version",
                table: "audit");

            migrationBuilder.DropColumn(
                name: "outbox_sha256",
                table: "audit");

            migrationBuilder.DropColumn(
                name: "risk_assessment_sha256",
                table: "audit");
        }
    }
}
