using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.Sqlite.Migrations
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

            migrationBuilder.AddColumn<long>(
                name: "RetiredAt",
                table: "Tiers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TierSchemeVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    Definition = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AppliedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
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
                filter: "\"RetiredAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Tiers_Rank",
                table: "Tiers",
                column: "Rank",
                unique: true,
                filter: "\"RetiredAt\" IS NULL");

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
