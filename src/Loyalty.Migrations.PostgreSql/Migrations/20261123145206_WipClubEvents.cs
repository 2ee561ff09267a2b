using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class WipClubEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClubEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VenueName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    VenueAddress = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    OnlineUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    StoreId = table.Column<Guid>(type: "uuid", nullable: true),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    PointsForAttending = table.Column<long>(type: "bigint", nullable: false),
                    RegistrationOpensAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RegistrationClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancellationClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancellationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClubEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClubEvents_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClubEvents_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClubEventRegistrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClubEventId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PromotedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CheckedInAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CheckInChannel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CheckedInBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CheckedInByPartnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    CheckedInAtStoreId = table.Column<Guid>(type: "uuid", nullable: true),
                    PointsAwarded = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClubEventRegistrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClubEventRegistrations_ClubEvents_ClubEventId",
                        column: x => x.ClubEventId,
                        principalTable: "ClubEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClubEventRegistrations_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClubEventRegistrations_Partners_CheckedInByPartnerId",
                        column: x => x.CheckedInByPartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClubEventRegistrations_Stores_CheckedInAtStoreId",
                        column: x => x.CheckedInAtStoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClubEventTiers",
                columns: table => new
                {
                    ClubEventId = table.Column<Guid>(type: "uuid", nullable: false),
                    TierId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClubEventTiers", x => new { x.ClubEventId, x.TierId });
                    table.ForeignKey(
                        name: "FK_ClubEventTiers_ClubEvents_ClubEventId",
                        column: x => x.ClubEventId,
                        principalTable: "ClubEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClubEventTiers_Tiers_TierId",
                        column: x => x.TierId,
                        principalTable: "Tiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClubEventRegistrations_CheckedInAtStoreId",
                table: "ClubEventRegistrations",
                column: "CheckedInAtStoreId");

            migrationBuilder.CreateIndex(
                name: "IX_ClubEventRegistrations_CheckedInByPartnerId",
                table: "ClubEventRegistrations",
                column: "CheckedInByPartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_ClubEventRegistrations_ClubEventId_MemberId",
                table: "ClubEventRegistrations",
                columns: new[] { "ClubEventId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClubEventRegistrations_ClubEventId_Sequence",
                table: "ClubEventRegistrations",
                columns: new[] { "ClubEventId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClubEventRegistrations_ClubEventId_Status",
                table: "ClubEventRegistrations",
                columns: new[] { "ClubEventId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ClubEventRegistrations_MemberId",
                table: "ClubEventRegistrations",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_ClubEvents_PartnerId_StartsAt",
                table: "ClubEvents",
                columns: new[] { "PartnerId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ClubEvents_Status_StartsAt",
                table: "ClubEvents",
                columns: new[] { "Status", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ClubEvents_StoreId",
                table: "ClubEvents",
                column: "StoreId");

            migrationBuilder.CreateIndex(
                name: "IX_ClubEventTiers_TierId",
                table: "ClubEventTiers",
                column: "TierId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClubEventRegistrations");

            migrationBuilder.DropTable(
                name: "ClubEventTiers");

            migrationBuilder.DropTable(
                name: "ClubEvents");
        }
    }
}
