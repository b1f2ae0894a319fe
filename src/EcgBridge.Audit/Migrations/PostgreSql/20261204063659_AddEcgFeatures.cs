using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcgBridge.Audit.Migrations.PostgreSql
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
                    audit_seq = table.Column<long>(type: "bigint", nullable: false),
                    heart_rate_bpm = table.Column<double>(type: "double precision", nullable: true),
                    amplitude_mv = table.Column<double>(type: "double precision", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ecg_features", x => x.audit_seq);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ecg_features_created_at",
                table: "ecg_features",
                column: "created_at");

            // Hand-written (docs/compliance.md): the application role inserts and reads; retention never deletes these.
            migrationBuilder.Sql("REVOKE ALL ON ecg_features FROM PUBLIC;");
            migrationBuilder.Sql("GRANT SELECT, INSERT ON ecg_features TO ecgbridge_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("REVOKE ALL ON ecg_features FROM ecgbridge_app;");
            migrationBuilder.DropTable(
                name: "ecg_features");
        }
    }
}
