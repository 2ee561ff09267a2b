using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class WipTierScheme : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tiers_Name",
                table: "Tiers");

            migrationBuilder.DropIndex(
                name: "IX_Tiers_Rank",
                table: "Tiers");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RetiredAt",
                table: "Tiers",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TierSchemeVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    EffectiveFrom = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Definition = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CancelledBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierSchemeVersions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tiers_Name",
                table: "Tiers",
                column: "Name",
                unique: true,
                filter: "[RetiredAt] IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Tiers_Rank",
                table: "Tiers",
                column: "Rank",
                unique: true,
                filter: "[RetiredAt] IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_TierSchemeVersions_EffectiveFrom",
                table: "TierSchemeVersions",
                column: "EffectiveFrom");

            migrationBuilder.CreateIndex(
                name: "IX_TierSchemeVersions_Version",
                table: "TierSchemeVersions",
                column: "Version",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TierSchemeVersions");

            migrationBuilder.DropIndex(
                name: "IX_Tiers_Name",
                table: "Tiers");

            migrationBuilder.DropIndex(
                name: "IX_Tiers_Rank",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "RetiredAt",
                table: "Tiers");

            migrationBuilder.CreateIndex(
                name: "IX_Tiers_Name",
                table: "Tiers",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tiers_Rank",
                table: "Tiers",
                column: "Rank",
                unique: true);
        }
    }
}
