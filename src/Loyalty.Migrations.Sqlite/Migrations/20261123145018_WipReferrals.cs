using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WipReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MemberReferralCodes",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberReferralCodes", x => x.MemberId);
                    table.ForeignKey(
                        name: "FK_MemberReferralCodes_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReferralProgrammes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReferrerPoints = table.Column<long>(type: "INTEGER", nullable: false),
                    RefereePoints = table.Column<long>(type: "INTEGER", nullable: false),
                    MinimumPurchaseAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    MaxRewardsPerMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxRewardsPerYear = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralProgrammes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferrerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RefereeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PurchaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReferrerPoints = table.Column<long>(type: "INTEGER", nullable: false),
                    RefereePoints = table.Column<long>(type: "INTEGER", nullable: false),
                    RefereeEmailKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RefereePhoneKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_Members_RefereeId",
                        column: x => x.RefereeId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Members_ReferrerId",
                        column: x => x.ReferrerId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MemberReferralCodes_Code",
                table: "MemberReferralCodes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_RefereeEmailKey",
                table: "Referrals",
                column: "RefereeEmailKey");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_RefereeId",
                table: "Referrals",
                column: "RefereeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_RefereePhoneKey",
                table: "Referrals",
                column: "RefereePhoneKey");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ReferrerId_CreatedAt",
                table: "Referrals",
                columns: new[] { "ReferrerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ReferrerId_Status_DecidedAt",
                table: "Referrals",
                columns: new[] { "ReferrerId", "Status", "DecidedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MemberReferralCodes");

            migrationBuilder.DropTable(
                name: "ReferralProgrammes");

            migrationBuilder.DropTable(
                name: "Referrals");
        }
    }
}
