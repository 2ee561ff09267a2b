using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Loyalty.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class WipTierModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "QualificationThreshold",
                table: "Tiers");

            migrationBuilder.AddColumn<string>(
                name: "Perks",
                table: "Tiers",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "QualifyPoints",
                table: "Tiers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "QualifySpend",
                table: "Tiers",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QualifyVisits",
                table: "Tiers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RetainPoints",
                table: "Tiers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RetainSpend",
                table: "Tiers",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RetainVisits",
                table: "Tiers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RewardDiscountPercent",
                table: "Tiers",
                type: "numeric(5,2)",
                precision: 5,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "SupportResponseHours",
                table: "Tiers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "Tiers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TierGraceUntil",
                table: "Members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TierReviewAt",
                table: "Members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TierSince",
                table: "Members",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateTable(
                name: "TierChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromTierId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToTierId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PointsEarned = table.Column<long>(type: "bigint", nullable: true),
                    Spend = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Visits = table.Column<int>(type: "integer", nullable: true),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false),
                    WindowKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WindowMonths = table.Column<int>(type: "integer", nullable: false),
                    GraceDays = table.Column<int>(type: "integer", nullable: false),
                    DowngradeMode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SpendCurrency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "UpdatedAt",
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

            migrationBuilder.AddColumn<long>(
                name: "QualificationThreshold",
                table: "Tiers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }
    }
}
