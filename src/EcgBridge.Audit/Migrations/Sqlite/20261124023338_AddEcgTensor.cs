using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EcgBridge.Audit.Migrations.Sqlite
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
                    audit_seq = table.Column<long>(type: "INTEGER", nullable: false),
                    encoding = table.Column<string>(type: "TEXT", nullable: false),
                    leads = table.Column<int>(type: "INTEGER", nullable: false),
                    samples = table.Column<int>(type: "INTEGER", nullable: false),
                    data = table.Column<byte[]>(type: "BLOB", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ecg_tensor", x => x.audit_seq);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ecg_tensor_created_at",
                table: "ecg_tensor",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ecg_tensor");
        }
    }
}
