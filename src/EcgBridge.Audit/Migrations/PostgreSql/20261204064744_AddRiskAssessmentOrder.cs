using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcgBridge.Audit.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddRiskAssessmentOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "order_id",
                table: "risk_assessment",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_risk_assessment_order_id",
                table: "risk_assessment",
                column: "order_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_risk_assessment_order_id",
                table: "risk_assessment");

            migrationBuilder.DropColumn(
                name: "order_id",
                table: "risk_assessment");
        }
    }
}
