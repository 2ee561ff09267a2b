using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class InsightScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InsightRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    AsOf = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    RetentionCohort = table.Column<long>(type: "bigint", nullable: false),
                    RetentionRetained = table.Column<long>(type: "bigint", nullable: false),
                    Retention = table.Column<double>(type: "float", nullable: false),
                    ValueMultiple = table.Column<double>(type: "float", nullable: false),
                    Members = table.Column<int>(type: "int", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TriggeredBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Points = table.Column<long>(type: "bigint", nullable: true),
                    LedgerEntryId = table.Column<long>(type: "bigint", nullable: true),
                    OfferId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    TierId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ChurnScore = table.Column<int>(type: "int", nullable: true),
                    ValueDecile = table.Column<int>(type: "int", nullable: true),
                    FollowUpDays = table.Column<int>(type: "int", nullable: false),
                    TakenAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TakenBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ReturnedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    EvaluatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionActions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MemberInsights",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TierId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenureDays = table.Column<int>(type: "int", nullable: false),
                    Visits = table.Column<int>(type: "int", nullable: false),
                    VisitsYear = table.Column<int>(type: "int", nullable: false),
                    VisitsQuarter = table.Column<int>(type: "int", nullable: false),
                    VisitsPreviousQuarter = table.Column<int>(type: "int", nullable: false),
                    NetSpendYear = table.Column<long>(type: "bigint", nullable: false),
                    NetSpendQuarter = table.Column<long>(type: "bigint", nullable: false),
                    LastVisitAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DaysSinceLastVisit = table.Column<int>(type: "int", nullable: true),
                    IntervalDays = table.Column<double>(type: "float", nullable: true),
                    IntervalVariation = table.Column<double>(type: "float", nullable: true),
                    Recency = table.Column<int>(type: "int", nullable: false),
                    Frequency = table.Column<int>(type: "int", nullable: false),
                    Monetary = table.Column<int>(type: "int", nullable: false),
                    LifetimeValue = table.Column<long>(type: "bigint", nullable: false),
                    ValueRank = table.Column<int>(type: "int", nullable: false),
                    ValueDecile = table.Column<int>(type: "int", nullable: false),
                    Class = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ChurnScore = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberInsights", x => new { x.RunId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_MemberInsights_InsightRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "InsightRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InsightRuns_Number",
                table: "InsightRuns",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MemberInsights_MemberId",
                table: "MemberInsights",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberInsights_RunId_ChurnScore",
                table: "MemberInsights",
                columns: new[] { "RunId", "ChurnScore" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionActions_MemberId_TakenAt",
                table: "RetentionActions",
                columns: new[] { "MemberId", "TakenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionActions_Outcome",
                table: "RetentionActions",
                column: "Outcome");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MemberInsights");

            migrationBuilder.DropTable(
                name: "RetentionActions");

            migrationBuilder.DropTable(
                name: "InsightRuns");
        }
    }
}
