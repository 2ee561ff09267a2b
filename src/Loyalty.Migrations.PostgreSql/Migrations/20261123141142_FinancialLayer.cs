using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Loyalty.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class FinancialLayer : Migration
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

            migrationBuilder.AddColumn<long>(
                name: "CapturedPoints",
                table: "Redemptions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CompletedAt",
                table: "Redemptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExpiresAt",
                table: "Redemptions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Redemptions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "PointsReversed",
                table: "Purchases",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PointsWrittenOff",
                table: "Purchases",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<decimal>(
                name: "ReturnedAmount",
                table: "Purchases",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<long>(
                name: "Held",
                table: "PointsAccounts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PendingPoints",
                table: "LedgerEntries",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "ReferenceId",
                table: "LedgerEntries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "PointsPerCurrencyUnit",
                table: "EarningRules",
                type: "numeric(14,4)",
                precision: 14,
                scale: 4,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(14,4)",
                oldPrecision: 14,
                oldScale: 4);

            migrationBuilder.AlterColumn<string>(
                name: "Currency",
                table: "EarningRules",
                type: "character(3)",
                fixedLength: true,
                maxLength: 3,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character(3)",
                oldFixedLength: true,
                oldMaxLength: 3);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "EarningRules",
                type: "integer",
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Conditions",
                table: "EarningRules",
                type: "text",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "EarningRules",
                type: "character varying(200)",
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
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Factor",
                table: "EarningRules",
                type: "numeric(8,4)",
                precision: 8,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "EarningRules",
                type: "character varying(20)",
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Trigger",
                table: "EarningRules",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VisitNumber",
                table: "EarningRules",
                type: "integer",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_EarningRules",
                table: "EarningRules",
                columns: new[] { "Id", "Version" });

            migrationBuilder.CreateTable(
                name: "BulkGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Points = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkGrants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Weekdays = table.Column<string>(type: "text", nullable: true),
                    FromHour = table.Column<int>(type: "integer", nullable: true),
                    UntilHour = table.Column<int>(type: "integer", nullable: true),
                    TierIds = table.Column<string>(type: "text", nullable: true),
                    PartnerIds = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    PurchaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    LedgerEntryId = table.Column<long>(type: "bigint", nullable: true),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RuleId = table.Column<Guid>(type: "uuid", nullable: true),
                    RuleVersion = table.Column<int>(type: "integer", nullable: true),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: true),
                    Description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Points = table.Column<long>(type: "bigint", nullable: false),
                    EarnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PointsLots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Points = table.Column<long>(type: "bigint", nullable: false),
                    Remaining = table.Column<long>(type: "bigint", nullable: false),
                    EarnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IsPending = table.Column<bool>(type: "boolean", nullable: false),
                    PendingUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PurchaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    ExpiryNoticeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsLots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PointsLots_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PointsPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    ExpiryKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExpiryLength = table.Column<int>(type: "integer", nullable: false),
                    ExpiryUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExpiryRounding = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExpiryFixedMonth = table.Column<int>(type: "integer", nullable: false),
                    ExpiryFixedDay = table.Column<int>(type: "integer", nullable: false),
                    ExpiryNoticeDays = table.Column<int>(type: "integer", nullable: false),
                    PendingDays = table.Column<int>(type: "integer", nullable: false),
                    ReturnPolicy = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    PointValue = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false),
                    PointValueCurrency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    RedemptionHoldMinutes = table.Column<int>(type: "integer", nullable: false),
                    TransferMaxPoints = table.Column<long>(type: "bigint", nullable: false),
                    TransferMaxPointsPerMonth = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PointsTransfers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FromMemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToMemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Points = table.Column<long>(type: "bigint", nullable: false),
                    Message = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: true),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsTransfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PointsTransfers_Members_FromMemberId",
                        column: x => x.FromMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PointsTransfers_Members_ToMemberId",
                        column: x => x.ToMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PurchaseReturns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PurchaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReturnId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    PendingPointsReversed = table.Column<long>(type: "bigint", nullable: false),
                    AvailablePointsReversed = table.Column<long>(type: "bigint", nullable: false),
                    PointsWrittenOff = table.Column<long>(type: "bigint", nullable: false),
                    Policy = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PurchaseReturns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PurchaseReturns_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PurchaseReturns_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PurchaseReturns_Purchases_PurchaseId",
                        column: x => x.PurchaseId,
                        principalTable: "Purchases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Rewards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    PointsCost = table.Column<long>(type: "bigint", nullable: false),
                    Stock = table.Column<int>(type: "integer", nullable: true),
                    PerMemberLimit = table.Column<int>(type: "integer", nullable: true),
                    AvailableFrom = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AvailableUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VoucherValidityDays = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rewards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulkGrantItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GrantId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FailureCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkGrantItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulkGrantItems_BulkGrants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "BulkGrants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BulkGrantItems_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LotDebits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LotId = table.Column<long>(type: "bigint", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferenceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Points = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LotDebits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LotDebits_PointsLots_LotId",
                        column: x => x.LotId,
                        principalTable: "PointsLots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RewardTiers",
                columns: table => new
                {
                    RewardId = table.Column<Guid>(type: "uuid", nullable: false),
                    TierId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RewardTiers", x => new { x.RewardId, x.TierId });
                    table.ForeignKey(
                        name: "FK_RewardTiers_Rewards_RewardId",
                        column: x => x.RewardId,
                        principalTable: "Rewards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RewardTiers_Tiers_TierId",
                        column: x => x.TierId,
                        principalTable: "Tiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Vouchers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character(12)", fixedLength: true, maxLength: 12, nullable: false),
                    RewardId = table.Column<Guid>(type: "uuid", nullable: false),
                    RewardName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    PointsSpent = table.Column<long>(type: "bigint", nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UsedByPartnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    UsedAtStoreId = table.Column<Guid>(type: "uuid", nullable: true),
                    UseReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vouchers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Vouchers_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Vouchers_Partners_UsedByPartnerId",
                        column: x => x.UsedByPartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Vouchers_Rewards_RewardId",
                        column: x => x.RewardId,
                        principalTable: "Rewards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Vouchers_Stores_UsedAtStoreId",
                        column: x => x.UsedAtStoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Redemptions_Status_ExpiresAt",
                table: "Redemptions",
                columns: new[] { "Status", "ExpiresAt" });

            // Redemptions made before two-phase payments were captured in one step: mark them so.
            migrationBuilder.Sql(@"UPDATE ""Redemptions"" SET ""Status"" = 'Captured', ""CapturedPoints"" = ""Points"", ""ExpiresAt"" = ""CreatedAt"", ""CompletedAt"" = ""CreatedAt"";");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_OccurredAt_Type",
                table: "LedgerEntries",
                columns: new[] { "OccurredAt", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_PurchaseId",
                table: "LedgerEntries",
                column: "PurchaseId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_RedemptionId",
                table: "LedgerEntries",
                column: "RedemptionId");

            migrationBuilder.CreateIndex(
                name: "IX_EarningRules_CampaignId",
                table: "EarningRules",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_BulkGrantItems_GrantId_MemberNumber",
                table: "BulkGrantItems",
                columns: new[] { "GrantId", "MemberNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulkGrantItems_MemberId",
                table: "BulkGrantItems",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_BulkGrantItems_Status_GrantId",
                table: "BulkGrantItems",
                columns: new[] { "Status", "GrantId" });

            migrationBuilder.CreateIndex(
                name: "IX_BulkGrants_CreatedAt",
                table: "BulkGrants",
                column: "CreatedAt");

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

            migrationBuilder.CreateIndex(
                name: "IX_LotDebits_LotId",
                table: "LotDebits",
                column: "LotId");

            migrationBuilder.CreateIndex(
                name: "IX_LotDebits_ReferenceId",
                table: "LotDebits",
                column: "ReferenceId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_MemberId_OccurredAt",
                table: "OutboxMessages",
                columns: new[] { "MemberId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_OccurredAt",
                table: "OutboxMessages",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_Expiring",
                table: "PointsLots",
                column: "ExpiresAt",
                filter: "\"Remaining\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_PendingUntil",
                table: "PointsLots",
                column: "PendingUntil",
                filter: "\"IsPending\"");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_PurchaseId",
                table: "PointsLots",
                column: "PurchaseId");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_Spendable",
                table: "PointsLots",
                columns: new[] { "MemberId", "IsPending", "Id" },
                filter: "\"Remaining\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_PointsTransfers_FromMemberId_CreatedAt",
                table: "PointsTransfers",
                columns: new[] { "FromMemberId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PointsTransfers_FromMemberId_Status_CompletedAt",
                table: "PointsTransfers",
                columns: new[] { "FromMemberId", "Status", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PointsTransfers_ToMemberId_CreatedAt",
                table: "PointsTransfers",
                columns: new[] { "ToMemberId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseReturns_MemberId",
                table: "PurchaseReturns",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseReturns_PartnerId",
                table: "PurchaseReturns",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseReturns_PurchaseId_ReturnId",
                table: "PurchaseReturns",
                columns: new[] { "PurchaseId", "ReturnId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Rewards_IsActive_PointsCost",
                table: "Rewards",
                columns: new[] { "IsActive", "PointsCost" });

            migrationBuilder.CreateIndex(
                name: "IX_Rewards_Name",
                table: "Rewards",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RewardTiers_TierId",
                table: "RewardTiers",
                column: "TierId");

            migrationBuilder.CreateIndex(
                name: "IX_Vouchers_Code",
                table: "Vouchers",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Vouchers_MemberId_IssuedAt_Code",
                table: "Vouchers",
                columns: new[] { "MemberId", "IssuedAt", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_Vouchers_MemberId_RewardId",
                table: "Vouchers",
                columns: new[] { "MemberId", "RewardId" });

            migrationBuilder.CreateIndex(
                name: "IX_Vouchers_RewardId",
                table: "Vouchers",
                column: "RewardId");

            migrationBuilder.CreateIndex(
                name: "IX_Vouchers_UsedAtStoreId",
                table: "Vouchers",
                column: "UsedAtStoreId");

            migrationBuilder.CreateIndex(
                name: "IX_Vouchers_UsedByPartnerId",
                table: "Vouchers",
                column: "UsedByPartnerId");

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
                name: "BulkGrantItems");

            migrationBuilder.DropTable(
                name: "Campaigns");

            migrationBuilder.DropTable(
                name: "EarnBreakdownLines");

            migrationBuilder.DropTable(
                name: "LotDebits");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "PointsPolicies");

            migrationBuilder.DropTable(
                name: "PointsTransfers");

            migrationBuilder.DropTable(
                name: "PurchaseReturns");

            migrationBuilder.DropTable(
                name: "RewardTiers");

            migrationBuilder.DropTable(
                name: "Vouchers");

            migrationBuilder.DropTable(
                name: "BulkGrants");

            migrationBuilder.DropTable(
                name: "PointsLots");

            migrationBuilder.DropTable(
                name: "Rewards");

            migrationBuilder.DropIndex(
                name: "IX_Redemptions_Status_ExpiresAt",
                table: "Redemptions");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_OccurredAt_Type",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_PurchaseId",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_RedemptionId",
                table: "LedgerEntries");

            migrationBuilder.DropPrimaryKey(
                name: "PK_EarningRules",
                table: "EarningRules");

            migrationBuilder.DropIndex(
                name: "IX_EarningRules_CampaignId",
                table: "EarningRules");

            migrationBuilder.DropColumn(
                name: "CapturedPoints",
                table: "Redemptions");

            migrationBuilder.DropColumn(
                name: "CompletedAt",
                table: "Redemptions");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "Redemptions");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Redemptions");

            migrationBuilder.DropColumn(
                name: "PointsReversed",
                table: "Purchases");

            migrationBuilder.DropColumn(
                name: "PointsWrittenOff",
                table: "Purchases");

            migrationBuilder.DropColumn(
                name: "ReturnedAmount",
                table: "Purchases");

            migrationBuilder.DropColumn(
                name: "Held",
                table: "PointsAccounts");

            migrationBuilder.DropColumn(
                name: "PendingPoints",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "ReferenceId",
                table: "LedgerEntries");

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
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AlterColumn<decimal>(
                name: "PointsPerCurrencyUnit",
                table: "EarningRules",
                type: "numeric(14,4)",
                precision: 14,
                scale: 4,
                nullable: false,
                defaultValue: 0m,
                oldClrType: typeof(decimal),
                oldType: "numeric(14,4)",
                oldPrecision: 14,
                oldScale: 4,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Currency",
                table: "EarningRules",
                type: "character(3)",
                fixedLength: true,
                maxLength: 3,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character(3)",
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
