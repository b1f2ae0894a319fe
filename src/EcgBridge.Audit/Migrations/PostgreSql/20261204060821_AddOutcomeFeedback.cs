using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EcgBridge.Audit.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddOutcomeFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outcome_feedback",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    feedback_key = table.Column<string>(type: "text", nullable: false),
                    dedupe_key = table.Column<string>(type: "text", nullable: false),
                    risk_assessment_id = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    confirmed = table.Column<bool>(type: "boolean", nullable: true),
                    response = table.Column<string>(type: "text", nullable: true),
                    finding = table.Column<string>(type: "text", nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    audit_seq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outcome_feedback", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outcome_feedback_dedupe_key",
                table: "outcome_feedback",
                column: "dedupe_key");

            migrationBuilder.CreateIndex(
                name: "ux_outcome_feedback_feedback_key",
                table: "outcome_feedback",
                column: "feedback_key",
                unique: true);

            // Hand-written (docs/compliance.md): feedback is append-only for the application role, like the audit.
            migrationBuilder.Sql("REVOKE ALL ON outcome_feedback FROM PUBLIC;");
            migrationBuilder.Sql("GRANT SELECT, INSERT ON outcome_feedback TO ecgbridge_app;");
            migrationBuilder.Sql("""
                DO $$ BEGIN
                    EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO ecgbridge_app', pg_get_serial_sequence('outcome_feedback', 'id'));
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("REVOKE ALL ON outcome_feedback FROM ecgbridge_app;");
            migrationBuilder.DropTable(
                name: "outcome_feedback");
        }
    }
}
