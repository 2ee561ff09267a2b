using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PointsLotsPolicyOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    PartnerId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Payload = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Points = table.Column<long>(type: "bigint", nullable: false),
                    Remaining = table.Column<long>(type: "bigint", nullable: false),
                    EarnedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    IsPending = table.Column<bool>(type: "bit", nullable: false),
                    PendingUntil = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    PurchaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ExpiryNoticeAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
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
                    Id = table.Column<int>(type: "int", nullable: false),
                    ExpiryKind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ExpiryLength = table.Column<int>(type: "int", nullable: false),
                    ExpiryUnit = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ExpiryRounding = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ExpiryFixedMonth = table.Column<int>(type: "int", nullable: false),
                    ExpiryFixedDay = table.Column<int>(type: "int", nullable: false),
                    ExpiryNoticeDays = table.Column<int>(type: "int", nullable: false),
                    PendingDays = table.Column<int>(type: "int", nullable: false),
                    ReturnPolicy = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    PointValue = table.Column<decimal>(type: "decimal(18,6)", precision: 18, scale: 6, nullable: false),
                    PointValueCurrency = table.Column<string>(type: "nchar(3)", fixedLength: true, maxLength: 3, nullable: false),
                    RedemptionHoldMinutes = table.Column<int>(type: "int", nullable: false),
                    TransferMaxPoints = table.Column<long>(type: "bigint", nullable: false),
                    TransferMaxPointsPerMonth = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LotDebits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    LotId = table.Column<long>(type: "bigint", nullable: false),
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ReferenceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
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
                filter: "[Remaining] > 0");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_PendingUntil",
                table: "PointsLots",
                column: "PendingUntil",
                filter: "[IsPending] = 1");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_PurchaseId",
                table: "PointsLots",
                column: "PurchaseId");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_Spendable",
                table: "PointsLots",
                columns: new[] { "MemberId", "IsPending", "Id" },
                filter: "[Remaining] > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LotDebits");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "PointsPolicies");

            migrationBuilder.DropTable(
                name: "PointsLots");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_OccurredAt_Type",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_PurchaseId",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_RedemptionId",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "Held",
                table: "PointsAccounts");

            migrationBuilder.DropColumn(
                name: "PendingPoints",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "ReferenceId",
                table: "LedgerEntries");
        }
    }
}
