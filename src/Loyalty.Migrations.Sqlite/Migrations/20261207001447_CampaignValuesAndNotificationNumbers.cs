using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CampaignValuesAndNotificationNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "MemberNotifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "CampaignRunValues",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Acquired = table.Column<long>(type: "INTEGER", nullable: false),
                    AcquiredScored = table.Column<long>(type: "INTEGER", nullable: false),
                    AcquiredValue = table.Column<long>(type: "INTEGER", nullable: false),
                    AcquiredTop = table.Column<long>(type: "INTEGER", nullable: false),
                    Reached = table.Column<long>(type: "INTEGER", nullable: false),
                    ReachedScored = table.Column<long>(type: "INTEGER", nullable: false),
                    ReachedValue = table.Column<long>(type: "INTEGER", nullable: false),
                    ReachedTop = table.Column<long>(type: "INTEGER", nullable: false)
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

            // Number the notifications already sent, per member in the order written, before the index holds them unique.
            migrationBuilder.Sql("""
                UPDATE "MemberNotifications" SET "Sequence" = (
                    SELECT COUNT(*) FROM "MemberNotifications" earlier
                    WHERE earlier."MemberId" = "MemberNotifications"."MemberId" AND earlier."Id" <= "MemberNotifications"."Id")
                """);

            migrationBuilder.CreateIndex(
                name: "IX_MemberNotifications_MemberId_Sequence",
                table: "MemberNotifications",
                columns: new[] { "MemberId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CampaignRunValues");

            migrationBuilder.DropIndex(
                name: "IX_MemberNotifications_MemberId_Sequence",
                table: "MemberNotifications");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "MemberNotifications");
        }
    }
}
