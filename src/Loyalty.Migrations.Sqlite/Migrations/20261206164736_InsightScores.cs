using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<long>(type: "INTEGER", nullable: false),
                    AsOf = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    RetentionCohort = table.Column<long>(type: "INTEGER", nullable: false),
                    RetentionRetained = table.Column<long>(type: "INTEGER", nullable: false),
                    Retention = table.Column<double>(type: "REAL", nullable: false),
                    ValueMultiple = table.Column<double>(type: "REAL", nullable: false),
                    Members = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TriggeredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Points = table.Column<long>(type: "INTEGER", nullable: true),
                    LedgerEntryId = table.Column<long>(type: "INTEGER", nullable: true),
                    OfferId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChurnScore = table.Column<int>(type: "INTEGER", nullable: true),
                    ValueDecile = table.Column<int>(type: "INTEGER", nullable: true),
                    FollowUpDays = table.Column<int>(type: "INTEGER", nullable: false),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TakenBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReturnedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EvaluatedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionActions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MemberInsights",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenureDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Visits = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitsYear = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitsQuarter = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitsPreviousQuarter = table.Column<int>(type: "INTEGER", nullable: false),
                    NetSpendYear = table.Column<long>(type: "INTEGER", nullable: false),
                    NetSpendQuarter = table.Column<long>(type: "INTEGER", nullable: false),
                    LastVisitAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DaysSinceLastVisit = table.Column<int>(type: "INTEGER", nullable: true),
                    IntervalDays = table.Column<double>(type: "REAL", nullable: true),
                    IntervalVariation = table.Column<double>(type: "REAL", nullable: true),
                    Recency = table.Column<int>(type: "INTEGER", nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    Monetary = table.Column<int>(type: "INTEGER", nullable: false),
                    LifetimeValue = table.Column<long>(type: "INTEGER", nullable: false),
                    ValueRank = table.Column<int>(type: "INTEGER", nullable: false),
                    ValueDecile = table.Column<int>(type: "INTEGER", nullable: false),
                    Class = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ChurnScore = table.Column<int>(type: "INTEGER", nullable: false)
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
