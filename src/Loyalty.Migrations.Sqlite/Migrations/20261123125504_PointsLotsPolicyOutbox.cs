using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PendingPoints",
                table: "LedgerEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "ReferenceId",
                table: "LedgerEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PointsLots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Points = table.Column<long>(type: "INTEGER", nullable: false),
                    Remaining = table.Column<long>(type: "INTEGER", nullable: false),
                    EarnedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    IsPending = table.Column<bool>(type: "INTEGER", nullable: false),
                    PendingUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    PurchaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExpiryNoticeAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpiryKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ExpiryLength = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpiryUnit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ExpiryRounding = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ExpiryFixedMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpiryFixedDay = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpiryNoticeDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PendingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnPolicy = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    PointValue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    PointValueCurrency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    RedemptionHoldMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    TransferMaxPoints = table.Column<long>(type: "INTEGER", nullable: false),
                    TransferMaxPointsPerMonth = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LotDebits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LotId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferenceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Points = table.Column<long>(type: "INTEGER", nullable: false)
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
