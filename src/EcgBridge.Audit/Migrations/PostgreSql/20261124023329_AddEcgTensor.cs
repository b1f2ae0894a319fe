using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcgBridge.Audit.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddEcgTensor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ecg_tensor",
                columns: table => new
                {
                    audit_seq = table.Column<long>(type: "bigint", nullable: false),
                    encoding = table.Column<string>(type: "text", nullable: false),
                    leads = table.Column<int>(type: "integer", nullable: false),
                    samples = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ecg_tensor", x => x.audit_seq);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ecg_tensor_created_at",
                table: "ecg_tensor",
                column: "created_at");

            // Hand-written: unlike audit rows, stored tensors are deleted by retention, so the application role may
            // DELETE here (and only here); never UPDATE.
            migrationBuilder.Sql("REVOKE ALL ON ecg_tensor FROM PUBLIC;");
            migrationBuilder.Sql("GRANT SELECT, INSERT, DELETE ON ecg_tensor TO ecgbridge_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("REVOKE ALL ON ecg_tensor FROM ecgbridge_app;");

            migrationBuilder.DropTable(
                name: "ecg_tensor");
        }
    }
}
