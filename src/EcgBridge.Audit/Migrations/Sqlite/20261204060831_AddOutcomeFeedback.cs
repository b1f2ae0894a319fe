using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcgBridge.Audit.Migrations.Sqlite
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    feedback_key = table.Column<string>(type: "TEXT", nullable: false),
                    dedupe_key = table.Column<string>(type: "TEXT", nullable: false),
                    risk_assessment_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    confirmed = table.Column<bool>(type: "INTEGER", nullable: true),
                    response = table.Column<string>(type: "TEXT", nullable: true),
                    finding = table.Column<string>(type: "TEXT", nullable: true),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    audit_seq = table.Column<long>(type: "INTEGER", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outcome_feedback");
        }
    }
}
