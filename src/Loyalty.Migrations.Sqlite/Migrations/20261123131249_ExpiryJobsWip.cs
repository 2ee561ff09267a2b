using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExpiryJobsWip : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BulkGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Points = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkGrants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulkGrantItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FailureCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkGrantItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulkGrantItems_BulkGrants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "BulkGrants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BulkGrantItems_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BulkGrantItems_GrantId_MemberNumber",
                table: "BulkGrantItems",
                columns: new[] { "GrantId", "MemberNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulkGrantItems_MemberId",
                table: "BulkGrantItems",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_BulkGrantItems_Status_GrantId",
                table: "BulkGrantItems",
                columns: new[] { "Status", "GrantId" });

            migrationBuilder.CreateIndex(
                name: "IX_BulkGrants_CreatedAt",
                table: "BulkGrants",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulkGrantItems");

            migrationBuilder.DropTable(
                name: "BulkGrants");
        }
    }
}
