using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WipTierModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "QualificationThreshold",
                table: "Tiers",
                newName: "UpdatedAt");

            migrationBuilder.AddColumn<string>(
                name: "Perks",
                table: "Tiers",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "QualifyPoints",
                table: "Tiers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "QualifySpend",
                table: "Tiers",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QualifyVisits",
                table: "Tiers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RetainPoints",
                table: "Tiers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RetainSpend",
                table: "Tiers",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RetainVisits",
                table: "Tiers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RewardDiscountPercent",
                table: "Tiers",
                type: "TEXT",
                precision: 5,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "SupportResponseHours",
                table: "Tiers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TierGraceUntil",
                table: "Members",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TierReviewAt",
                table: "Members",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TierSince",
                table: "Members",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "TierChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromTierId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ToTierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PointsEarned = table.Column<long>(type: "INTEGER", nullable: true),
                    Spend = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Visits = table.Column<int>(type: "INTEGER", nullable: true),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TierChanges_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TierChanges_Tiers_ToTierId",
                        column: x => x.ToTierId,
                        principalTable: "Tiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TierProgrammes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WindowMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    GraceDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DowngradeMode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SpendCurrency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierProgrammes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Members_TierReviewAt",
                table: "Members",
                column: "TierReviewAt");

            migrationBuilder.CreateIndex(
                name: "IX_TierChanges_MemberId_Id",
                table: "TierChanges",
                columns: new[] { "MemberId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TierChanges_ToTierId",
                table: "TierChanges",
                column: "ToTierId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TierChanges");

            migrationBuilder.DropTable(
                name: "TierProgrammes");

            migrationBuilder.DropIndex(
                name: "IX_Members_TierReviewAt",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "Perks",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "QualifyPoints",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "QualifySpend",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "QualifyVisits",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "RetainPoints",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "RetainSpend",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "RetainVisits",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "RewardDiscountPercent",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "SupportResponseHours",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "TierGraceUntil",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "TierReviewAt",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "TierSince",
                table: "Members");

            migrationBuilder.RenameColumn(
                name: "UpdatedAt",
                table: "Tiers",
                newName: "QualificationThreshold");
        }
    }
}
