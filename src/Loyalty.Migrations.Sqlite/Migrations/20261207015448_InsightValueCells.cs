using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InsightValueCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MemberInsights_RunId_ChurnScore",
                table: "MemberInsights");

            migrationBuilder.CreateTable(
                name: "RunValueCells",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ValueDecile = table.Column<int>(type: "INTEGER", nullable: false),
                    Recency = table.Column<int>(type: "INTEGER", nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    Monetary = table.Column<int>(type: "INTEGER", nullable: false),
                    Members = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalValue = table.Column<long>(type: "INTEGER", nullable: false),
                    MinValue = table.Column<long>(type: "INTEGER", nullable: false),
                    MaxValue = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunValueCells", x => new { x.RunId, x.ValueDecile, x.Recency, x.Frequency, x.Monetary });
                    table.ForeignKey(
                        name: "FK_RunValueCells_InsightRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "InsightRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Runs scored before this version get their stored distribution from their member rows.
            migrationBuilder.Sql("""
                INSERT INTO "RunValueCells" ("RunId", "ValueDecile", "Recency", "Frequency", "Monetary", "Members", "TotalValue", "MinValue", "MaxValue")
                SELECT "RunId", "ValueDecile", "Recency", "Frequency", "Monetary", COUNT(*), SUM("LifetimeValue"), MIN("LifetimeValue"), MAX("LifetimeValue")
                FROM "MemberInsights"
                GROUP BY "RunId", "ValueDecile", "Recency", "Frequency", "Monetary"
                """);

            migrationBuilder.CreateIndex(
                name: "IX_MemberInsights_AtRisk",
                table: "MemberInsights",
                columns: new[] { "RunId", "ChurnScore", "ValueRank", "MemberId" },
                descending: new[] { false, true, false, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RunValueCells");

            migrationBuilder.DropIndex(
                name: "IX_MemberInsights_AtRisk",
                table: "MemberInsights");

            migrationBuilder.CreateIndex(
                name: "IX_MemberInsights_RunId_ChurnScore",
                table: "MemberInsights",
                columns: new[] { "RunId", "ChurnScore" });
        }
    }
}
