using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Loyalty.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class DayBonuses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GrantOn",
                table: "EarningRules",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Purchase");

            migrationBuilder.CreateTable(
                name: "DayBonusGrants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RuleId = table.Column<Guid>(type: "uuid", nullable: false),
                    RuleVersion = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    LedgerEntryId = table.Column<long>(type: "bigint", nullable: false),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DayBonusGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DayBonusGrants_EarningRules_RuleId_RuleVersion",
                        columns: x => new { x.RuleId, x.RuleVersion },
                        principalTable: "EarningRules",
                        principalColumns: new[] { "Id", "Version" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DayBonusGrants_LedgerEntries_LedgerEntryId",
                        column: x => x.LedgerEntryId,
                        principalTable: "LedgerEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DayBonusGrants_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DayBonusGrants_LedgerEntryId",
                table: "DayBonusGrants",
                column: "LedgerEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_DayBonusGrants_MemberId",
                table: "DayBonusGrants",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_DayBonusGrants_RuleId_MemberId_Year",
                table: "DayBonusGrants",
                columns: new[] { "RuleId", "MemberId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DayBonusGrants_RuleId_RuleVersion",
                table: "DayBonusGrants",
                columns: new[] { "RuleId", "RuleVersion" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DayBonusGrants");

            migrationBuilder.DropColumn(
                name: "GrantOn",
                table: "EarningRules");
        }
    }
}
