using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Loyalty.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammeHealthAndScaleOut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Nps",
                table: "MemberInsights",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CacheGenerations",
                columns: table => new
                {
                    Area = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Stamp = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CacheGenerations", x => x.Area);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeHealthAcquisitions",
                columns: table => new
                {
                    Month = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 7, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Members = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeHealthAcquisitions", x => new { x.Month, x.Source, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeHealthMonths",
                columns: table => new
                {
                    Month = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 7, nullable: false),
                    ActiveMembers = table.Column<long>(type: "INTEGER", nullable: false),
                    PreviousActiveMembers = table.Column<long>(type: "INTEGER", nullable: false),
                    RetainedMembers = table.Column<long>(type: "INTEGER", nullable: false),
                    RepeatBuyers = table.Column<long>(type: "INTEGER", nullable: false),
                    Visits = table.Column<long>(type: "INTEGER", nullable: false),
                    NewMembers = table.Column<long>(type: "INTEGER", nullable: false),
                    NewReferred = table.Column<long>(type: "INTEGER", nullable: false),
                    PointsIssued = table.Column<long>(type: "INTEGER", nullable: false),
                    PointsRedeemed = table.Column<long>(type: "INTEGER", nullable: false),
                    PointsExpired = table.Column<long>(type: "INTEGER", nullable: false),
                    NpsAnswers = table.Column<long>(type: "INTEGER", nullable: false),
                    Promoters = table.Column<long>(type: "INTEGER", nullable: false),
                    Detractors = table.Column<long>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeHealthMonths", x => x.Month);
                });

            migrationBuilder.CreateTable(
                name: "ServiceInstances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceInstances", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "CacheGenerations",
                columns: new[] { "Area", "Stamp" },
                values: new object[,]
                {
                    { "Credentials", 0L },
                    { "EarningRules", 0L },
                    { "PointsPolicy", 0L },
                    { "ReferralProgramme", 0L },
                    { "TierScheme", 0L }
                });

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_MemberExpiry",
                table: "PointsLots",
                columns: new[] { "MemberId", "IsPending", "ExpiresAt" },
                filter: "\"Remaining\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceInstances_SeenAt",
                table: "ServiceInstances",
                column: "SeenAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CacheGenerations");

            migrationBuilder.DropTable(
                name: "ProgrammeHealthAcquisitions");

            migrationBuilder.DropTable(
                name: "ProgrammeHealthMonths");

            migrationBuilder.DropTable(
                name: "ServiceInstances");

            migrationBuilder.DropIndex(
                name: "IX_PointsLots_MemberExpiry",
                table: "PointsLots");

            migrationBuilder.DropColumn(
                name: "Nps",
                table: "MemberInsights");
        }
    }
}
