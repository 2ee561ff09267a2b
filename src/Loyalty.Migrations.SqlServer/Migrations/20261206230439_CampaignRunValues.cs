using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CampaignRunValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CampaignRunValues",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Acquired = table.Column<long>(type: "bigint", nullable: false),
                    AcquiredScored = table.Column<long>(type: "bigint", nullable: false),
                    AcquiredValue = table.Column<long>(type: "bigint", nullable: false),
                    AcquiredTop = table.Column<long>(type: "bigint", nullable: false),
                    Reached = table.Column<long>(type: "bigint", nullable: false),
                    ReachedScored = table.Column<long>(type: "bigint", nullable: false),
                    ReachedValue = table.Column<long>(type: "bigint", nullable: false),
                    ReachedTop = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignRunValues", x => new { x.RunId, x.CampaignId });
                    table.ForeignKey(
                        name: "FK_CampaignRunValues_InsightRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "InsightRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CampaignRunValues");
        }
    }
}
