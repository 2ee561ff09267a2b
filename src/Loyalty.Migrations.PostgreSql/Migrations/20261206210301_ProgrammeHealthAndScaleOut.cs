using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Loyalty.Migrations.PostgreSql.Migrations
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
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CacheGenerations",
                columns: table => new
                {
                    Area = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Stamp = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CacheGenerations", x => x.Area);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeHealthAcquisitions",
                columns: table => new
                {
                    Month = table.Column<string>(type: "character(7)", fixedLength: true, maxLength: 7, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Members = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeHealthAcquisitions", x => new { x.Month, x.Source, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeHealthMonths",
                columns: table => new
                {
                    Month = table.Column<string>(type: "character(7)", fixedLength: true, maxLength: 7, nullable: false),
                    ActiveMembers = table.Column<long>(type: "bigint", nullable: false),
                    PreviousActiveMembers = table.Column<long>(type: "bigint", nullable: false),
                    RetainedMembers = table.Column<long>(type: "bigint", nullable: false),
                    RepeatBuyers = table.Column<long>(type: "bigint", nullable: false),
                    Visits = table.Column<long>(type: "bigint", nullable: false),
                    NewMembers = table.Column<long>(type: "bigint", nullable: false),
                    NewReferred = table.Column<long>(type: "bigint", nullable: false),
                    PointsIssued = table.Column<long>(type: "bigint", nullable: false),
                    PointsRedeemed = table.Column<long>(type: "bigint", nullable: false),
                    PointsExpired = table.Column<long>(type: "bigint", nullable: false),
                    NpsAnswers = table.Column<long>(type: "bigint", nullable: false),
                    Promoters = table.Column<long>(type: "bigint", nullable: false),
                    Detractors = table.Column<long>(type: "bigint", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeHealthMonths", x => x.Month);
                });

            migrationBuilder.CreateTable(
                name: "ServiceInstances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Host = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
