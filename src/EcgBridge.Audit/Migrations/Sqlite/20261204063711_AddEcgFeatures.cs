using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcgBridge.Audit.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddEcgFeatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ecg_features",
                columns: table => new
                {
                    audit_seq = table.Column<long>(type: "INTEGER", nullable: false),
                    heart_rate_bpm = table.Column<double>(type: "REAL", nullable: true),
                    amplitude_mv = table.Column<double>(type: "REAL", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ecg_features", x => x.audit_seq);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ecg_features_created_at",
                table: "ecg_features",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ecg_features");
        }
    }
}
