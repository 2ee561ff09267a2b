using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NextBestOffer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "Rewards",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CategoryCoPurchases",
                columns: table => new
                {
                    FromCategory = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ToCategory = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Baskets = table.Column<int>(type: "INTEGER", nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: false),
                    Lift = table.Column<double>(type: "REAL", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CategoryCoPurchases", x => new { x.FromCategory, x.ToCategory });
                });

            migrationBuilder.CreateTable(
                name: "CategoryPopularity",
                columns: table => new
                {
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Share = table.Column<double>(type: "REAL", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CategoryPopularity", x => x.Category);
                });

            migrationBuilder.CreateTable(
                name: "MemberRecommendations",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    CandidateKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CandidateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidateName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    ReasonKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    BasedOnCategory = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    BasedOnPurchases = table.Column<int>(type: "INTEGER", nullable: true),
                    LastPurchasedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    IntervalDays = table.Column<double>(type: "REAL", nullable: true),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberRecommendations", x => new { x.MemberId, x.Rank });
                });

            migrationBuilder.CreateTable(
                name: "PurchaseLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PurchaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    PurchasedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PurchaseLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PurchaseLines_Purchases_PurchaseId",
                        column: x => x.PurchaseId,
                        principalTable: "Purchases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseLines_MemberId_PurchasedAt",
                table: "PurchaseLines",
                columns: new[] { "MemberId", "PurchasedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseLines_PurchaseId",
                table: "PurchaseLines",
                column: "PurchaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CategoryCoPurchases");

            migrationBuilder.DropTable(
                name: "CategoryPopularity");

            migrationBuilder.DropTable(
                name: "MemberRecommendations");

            migrationBuilder.DropTable(
                name: "PurchaseLines");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "Rewards");
        }
    }
}
