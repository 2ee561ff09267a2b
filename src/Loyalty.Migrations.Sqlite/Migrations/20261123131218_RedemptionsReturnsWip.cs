using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RedemptionsReturnsWip : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CapturedPoints",
                table: "Redemptions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CompletedAt",
                table: "Redemptions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExpiresAt",
                table: "Redemptions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Redemptions",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // Redemptions made before authorisations existed were taken at once: they are captured.
            migrationBuilder.Sql(@"UPDATE ""Redemptions"" SET ""Status"" = 'Captured', ""CapturedPoints"" = ""Points"", ""ExpiresAt"" = ""CreatedAt"", ""CompletedAt"" = ""CreatedAt"";");

            migrationBuilder.AddColumn<long>(
                name: "PointsReversed",
                table: "Purchases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "PointsWrittenOff",
                table: "Purchases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<decimal>(
                name: "ReturnedAmount",
                table: "Purchases",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "PointsTransfers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Points = table.Column<long>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 140, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PurchaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReturnId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    PendingPointsReversed = table.Column<long>(type: "INTEGER", nullable: false),
                    AvailablePointsReversed = table.Column<long>(type: "INTEGER", nullable: false),
                    PointsWrittenOff = table.Column<long>(type: "INTEGER", nullable: false),
                    Policy = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_Redemptions_Status_ExpiresAt",
                table: "Redemptions",
                columns: new[] { "Status", "ExpiresAt" });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PointsTransfers");

            migrationBuilder.DropTable(
                name: "PurchaseReturns");

            migrationBuilder.DropIndex(
                name: "IX_Redemptions_Status_ExpiresAt",
                table: "Redemptions");

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
        }
    }
}
