using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class EarningRulesWip : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Purchases_EarningRules_EarningRuleId",
                table: "Purchases");

            migrationBuilder.DropIndex(
                name: "IX_Purchases_EarningRuleId",
                table: "Purchases");

            migrationBuilder.DropPrimaryKey(
                name: "PK_EarningRules",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "EarningRuleId",
                table: "Purchases");

            migrationBuilder.AlterColumn<decimal>(
                name: "PointsPerCurrencyUnit",
                table: "EarningRules",
                type: "decimal(14,4)",
                precision: 14,
                scale: 4,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "decimal(14,4)",
                oldPrecision: 14,
                oldScale: 4);

            migrationBuilder.AlterColumn<string>(
                name: "Currency",
                table: "EarningRules",
                type: "nchar(3)",
                fixedLength: true,
                maxLength: 3,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nchar(3)",
                oldFixedLength: true,
                oldMaxLength: 3);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "EarningRules",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<long>(
                name: "BonusPoints",
                table: "EarningRules",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CampaignId",
                table: "EarningRules",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Conditions",
                table: "EarningRules",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "EarningRules",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "system");

            migrationBuilder.AddColumn<long>(
                name: "DailyCap",
                table: "EarningRules",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExclusiveGroup",
                table: "EarningRules",
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Factor",
                table: "EarningRules",
                type: "decimal(8,4)",
                precision: 8,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "EarningRules",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "BaseRate");

            migrationBuilder.AddColumn<long>(
                name: "MonthlyCap",
                table: "EarningRules",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "EarningRules",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Trigger",
                table: "EarningRules",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VisitNumber",
                table: "EarningRules",
                type: "int",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_EarningRules",
                table: "EarningRules",
                columns: new[] { "Id", "Version" });

            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    From = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Weekdays = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    FromHour = table.Column<int>(type: "int", nullable: true),
                    UntilHour = table.Column<int>(type: "int", nullable: true),
                    TierIds = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PartnerIds = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EarnBreakdownLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PurchaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    LedgerEntryId = table.Column<long>(type: "bigint", nullable: true),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    RuleId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RuleVersion = table.Column<int>(type: "int", nullable: true),
                    CampaignId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Description = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Points = table.Column<long>(type: "bigint", nullable: false),
                    EarnedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EarnBreakdownLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EarnBreakdownLines_EarningRules_RuleId_RuleVersion",
                        columns: x => new { x.RuleId, x.RuleVersion },
                        principalTable: "EarningRules",
                        principalColumns: new[] { "Id", "Version" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EarnBreakdownLines_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EarnBreakdownLines_Purchases_PurchaseId",
                        column: x => x.PurchaseId,
                        principalTable: "Purchases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EarningRules_CampaignId",
                table: "EarningRules",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_From",
                table: "Campaigns",
                column: "From");

            migrationBuilder.CreateIndex(
                name: "IX_EarnBreakdownLines_LedgerEntryId",
                table: "EarnBreakdownLines",
                column: "LedgerEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_EarnBreakdownLines_MemberId_RuleId_EarnedAt",
                table: "EarnBreakdownLines",
                columns: new[] { "MemberId", "RuleId", "EarnedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EarnBreakdownLines_PurchaseId",
                table: "EarnBreakdownLines",
                column: "PurchaseId");

            migrationBuilder.CreateIndex(
                name: "IX_EarnBreakdownLines_RuleId_RuleVersion",
                table: "EarnBreakdownLines",
                columns: new[] { "RuleId", "RuleVersion" });

            migrationBuilder.AddForeignKey(
                name: "FK_EarningRules_Campaigns_CampaignId",
                table: "EarningRules",
                column: "CampaignId",
                principalTable: "Campaigns",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EarningRules_Campaigns_CampaignId",
                table: "EarningRules");

            migrationBuilder.DropTable(
                name: "Campaigns");

            migrationBuilder.DropTable(
                name: "EarnBreakdownLines");

            migrationBuilder.DropPrimaryKey(
                name: "PK_EarningRules",
                table: "EarningRules");

            migrationBuilder.DropIndex(
                name: "IX_EarningRules_CampaignId",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "BonusPoints",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "CampaignId",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "Conditions",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "DailyCap",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "ExclusiveGroup",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "Factor",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "MonthlyCap",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "Trigger",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "VisitNumber",
                table: "EarningRules");

            migrationBuilder.AddColumn<Guid>(
                name: "EarningRuleId",
                table: "Purchases",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AlterColumn<decimal>(
                name: "PointsPerCurrencyUnit",
                table: "EarningRules",
                type: "decimal(14,4)",
                precision: 14,
                scale: 4,
                nullable: false,
                defaultValue: 0m,
                oldClrType: typeof(decimal),
                oldType: "decimal(14,4)",
                oldPrecision: 14,
                oldScale: 4,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Currency",
                table: "EarningRules",
                type: "nchar(3)",
                fixedLength: true,
                maxLength: 3,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "nchar(3)",
                oldFixedLength: true,
                oldMaxLength: 3,
                oldNullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_EarningRules",
                table: "EarningRules",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_Purchases_EarningRuleId",
                table: "Purchases",
                column: "EarningRuleId");

            migrationBuilder.AddForeignKey(
                name: "FK_Purchases_EarningRules_EarningRuleId",
                table: "Purchases",
                column: "EarningRuleId",
                principalTable: "EarningRules",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
