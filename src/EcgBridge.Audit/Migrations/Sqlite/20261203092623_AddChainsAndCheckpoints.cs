using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcgBridge.Audit.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "chain_seq",
                table: "audit",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "hash_version",
                table: "audit",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "outbox_sha256",
                table: "audit",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "risk_assessment_sha256",
                table: "audit",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_checkpoint",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    chain_id = table.Column<int>(type: "INTEGER", nullable: false),
                    number = table.Column<long>(type: "INTEGER", nullable: false),
                    row_count = table.Column<long>(type: "INTEGER", nullable: false),
                    head_hash = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    key_id = table.Column<string>(type: "TEXT", nullable: false),
                    algorithm = table.Column<string>(type: "TEXT", nullable: false),
                    signature = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_checkpoint", x => x.id);
                });

            // Hand-written: rows written before chains existed form chain 0 in seq order (their v1 hashes do not cover
            // chain_seq, so they stay verifiable). The append-only trigger is dropped for this one statement only.
            migrationBuilder.Sql("DROP TRIGGER audit_no_update;");
            migrationBuilder.Sql("UPDATE audit SET chain_seq = seq;");
            migrationBuilder.Sql("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only (UPDATE refused)'); END;");

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

            // Hand-written: INSERT OR REPLACE deletes the conflicting row by conflict resolution, which fires no DELETE
            // trigger unless recursive_triggers is on; refusing any insert whose keys already exist closes that path.
            migrationBuilder.Sql("CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit WHEN EXISTS (SELECT 1 FROM audit WHERE seq = NEW.seq OR (chain_id = NEW.chain_id AND chain_seq = NEW.chain_seq)) BEGIN SELECT RAISE(ABORT, 'audit rows are append-only (REPLACE refused)'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only (UPDATE refused)'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only (DELETE refused)'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_checkpoint_no_replace BEFORE INSERT ON audit_checkpoint WHEN EXISTS (SELECT 1 FROM audit_checkpoint WHERE id = NEW.id OR (chain_id = NEW.chain_id AND number = NEW.number)) BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only (REPLACE refused)'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_checkpoint_no_replace;");
            migrationBuilder.Sql("DROP TRIGGER audit_checkpoint_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER audit_checkpoint_no_update;");
            migrationBuilder.Sql("DROP TRIGGER audit_no_replace;");

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
