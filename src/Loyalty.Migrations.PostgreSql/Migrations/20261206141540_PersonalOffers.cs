using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PersonalOffers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OfferId",
                table: "EarnBreakdownLines",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PersonalOffers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PerMemberLimit = table.Column<int>(type: "integer", nullable: false),
                    RequiresActivation = table.Column<bool>(type: "boolean", nullable: false),
                    ControlShare = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    BenefitKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    BonusPoints = table.Column<long>(type: "bigint", nullable: true),
                    Factor = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Sku = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RewardId = table.Column<Guid>(type: "uuid", nullable: true),
                    SegmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TreatmentCount = table.Column<int>(type: "integer", nullable: false),
                    ControlCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalOffers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalOffers_Rewards_RewardId",
                        column: x => x.RewardId,
                        principalTable: "Rewards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonalOffers_Segments_SegmentId",
                        column: x => x.SegmentId,
                        principalTable: "Segments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OfferAssignments",
                columns: table => new
                {
                    OfferId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Group = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActivatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Uses = table.Column<int>(type: "integer", nullable: false),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferAssignments", x => new { x.OfferId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_OfferAssignments_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OfferAssignments_PersonalOffers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "PersonalOffers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OfferTargets",
                columns: table => new
                {
                    OfferId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferTargets", x => new { x.OfferId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_OfferTargets_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OfferTargets_PersonalOffers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "PersonalOffers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EarnBreakdownLines_OfferId",
                table: "EarnBreakdownLines",
                column: "OfferId");

            migrationBuilder.CreateIndex(
                name: "IX_OfferAssignments_MemberId_Group",
                table: "OfferAssignments",
                columns: new[] { "MemberId", "Group" });

            migrationBuilder.CreateIndex(
                name: "IX_OfferTargets_MemberId",
                table: "OfferTargets",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalOffers_CreatedAt",
                table: "PersonalOffers",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalOffers_RewardId",
                table: "PersonalOffers",
                column: "RewardId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalOffers_SegmentId",
                table: "PersonalOffers",
                column: "SegmentId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalOffers_Status_EndsAt",
                table: "PersonalOffers",
                columns: new[] { "Status", "EndsAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_EarnBreakdownLines_PersonalOffers_OfferId",
                table: "EarnBreakdownLines",
                column: "OfferId",
                principalTable: "PersonalOffers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EarnBreakdownLines_PersonalOffers_OfferId",
                table: "EarnBreakdownLines");

            migrationBuilder.DropTable(
                name: "OfferAssignments");

            migrationBuilder.DropTable(
                name: "OfferTargets");

            migrationBuilder.DropTable(
                name: "PersonalOffers");

            migrationBuilder.DropIndex(
                name: "IX_EarnBreakdownLines_OfferId",
                table: "EarnBreakdownLines");

            migrationBuilder.DropColumn(
                name: "OfferId",
                table: "EarnBreakdownLines");
        }
    }
}
