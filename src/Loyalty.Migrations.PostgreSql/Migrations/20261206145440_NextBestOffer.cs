using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Loyalty.Migrations.PostgreSql.Migrations
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
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CategoryCoPurchases",
                columns: table => new
                {
                    FromCategory = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ToCategory = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Baskets = table.Column<int>(type: "integer", nullable: false),
                    Confidence = table.Column<double>(type: "double precision", nullable: false),
                    Lift = table.Column<double>(type: "double precision", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CategoryCoPurchases", x => new { x.FromCategory, x.ToCategory });
                });

            migrationBuilder.CreateTable(
                name: "CategoryPopularity",
                columns: table => new
                {
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Share = table.Column<double>(type: "double precision", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CategoryPopularity", x => x.Category);
                });

            migrationBuilder.CreateTable(
                name: "MemberRecommendations",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    CandidateKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CandidateId = table.Column<Guid>(type: "uuid", nullable: false),
                    CandidateName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    ReasonKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    BasedOnCategory = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    BasedOnPurchases = table.Column<int>(type: "integer", nullable: true),
                    LastPurchasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IntervalDays = table.Column<double>(type: "double precision", nullable: true),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberRecommendations", x => new { x.MemberId, x.Rank });
                });

            migrationBuilder.CreateTable(
                name: "PurchaseLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PurchaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Sku = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Quantity = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    PurchasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
