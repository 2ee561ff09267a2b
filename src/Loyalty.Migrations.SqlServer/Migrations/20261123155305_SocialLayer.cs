using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SocialLayer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tiers_Name",
                table: "Tiers");

            migrationBuilder.DropIndex(
                name: "IX_Tiers_Rank",
                table: "Tiers");

            migrationBuilder.DropIndex(
                name: "IX_Purchases_MemberId",
                table: "Purchases");


            migrationBuilder.AddColumn<string>(
                name: "Perks",
                table: "Tiers",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "QualifyPoints",
                table: "Tiers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "QualifySpend",
                table: "Tiers",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QualifyVisits",
                table: "Tiers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RetainPoints",
                table: "Tiers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RetainSpend",
                table: "Tiers",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RetainVisits",
                table: "Tiers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RetiredAt",
                table: "Tiers",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RewardDiscountPercent",
                table: "Tiers",
                type: "decimal(5,2)",
                precision: 5,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "SupportResponseHours",
                table: "Tiers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "Tiers",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "PointsOnClose",
                table: "PointsPolicies",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Forfeit");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ErasedAt",
                table: "Members",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoMemberId",
                table: "Members",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StatusChangedAt",
                table: "Members",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TierGraceUntil",
                table: "Members",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TierReviewAt",
                table: "Members",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TierSince",
                table: "Members",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateTable(
                name: "ClubEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    VenueName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    VenueAddress = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    OnlineUrl = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    PartnerId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    StoreId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Capacity = table.Column<int>(type: "int", nullable: false),
                    PointsForAttending = table.Column<long>(type: "bigint", nullable: false),
                    RegistrationOpensAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RegistrationClosesAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CancellationClosesAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CancellationReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
                name: "MemberReferralCodes",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
                    Id = table.Column<int>(type: "int", nullable: false),
                    Enabled = table.Column<bool>(type: "bit", nullable: false),
                    ReferrerPoints = table.Column<long>(type: "bigint", nullable: false),
                    RefereePoints = table.Column<long>(type: "bigint", nullable: false),
                    MinimumPurchaseAmount = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Currency = table.Column<string>(type: "nchar(3)", fixedLength: true, maxLength: 3, nullable: false),
                    MaxRewardsPerMonth = table.Column<int>(type: "int", nullable: false),
                    MaxRewardsPerYear = table.Column<int>(type: "int", nullable: false),
                    WindowDays = table.Column<int>(type: "int", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralProgrammes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ReferrerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RefereeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    PurchaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ReferrerPoints = table.Column<long>(type: "bigint", nullable: false),
                    RefereePoints = table.Column<long>(type: "bigint", nullable: false),
                    RefereeEmailKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    RefereePhoneKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
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

            migrationBuilder.CreateTable(
                name: "TierChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FromTierId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ToTierId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    PointsEarned = table.Column<long>(type: "bigint", nullable: true),
                    Spend = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    Visits = table.Column<int>(type: "int", nullable: true),
                    OccurredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Actor = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TierChanges_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TierChanges_Tiers_ToTierId",
                        column: x => x.ToTierId,
                        principalTable: "Tiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TierProgrammes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    WindowKind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    WindowMonths = table.Column<int>(type: "int", nullable: false),
                    GraceDays = table.Column<int>(type: "int", nullable: false),
                    DowngradeMode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    SpendCurrency = table.Column<string>(type: "nchar(3)", fixedLength: true, maxLength: 3, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierProgrammes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TierSchemeVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    EffectiveFrom = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Definition = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CancelledBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierSchemeVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClubEventRegistrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClubEventId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MemberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    PromotedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CheckedInAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CheckInChannel = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    CheckedInBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    CheckedInByPartnerId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CheckedInAtStoreId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
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
                    ClubEventId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TierId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
                name: "IX_Tiers_Name",
                table: "Tiers",
                column: "Name",
                unique: true,
                filter: "[RetiredAt] IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Tiers_Rank",
                table: "Tiers",
                column: "Rank",
                unique: true,
                filter: "[RetiredAt] IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Purchases_MemberId_PurchasedAt",
                table: "Purchases",
                columns: new[] { "MemberId", "PurchasedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_MergedIntoMemberId",
                table: "Members",
                column: "MergedIntoMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Members_TierReviewAt",
                table: "Members",
                column: "TierReviewAt");

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

            migrationBuilder.CreateIndex(
                name: "IX_TierChanges_MemberId_Id",
                table: "TierChanges",
                columns: new[] { "MemberId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TierChanges_ToTierId",
                table: "TierChanges",
                column: "ToTierId");

            migrationBuilder.CreateIndex(
                name: "IX_TierSchemeVersions_EffectiveFrom",
                table: "TierSchemeVersions",
                column: "EffectiveFrom");

            migrationBuilder.CreateIndex(
                name: "IX_TierSchemeVersions_Version",
                table: "TierSchemeVersions",
                column: "Version",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Members_Members_MergedIntoMemberId",
                table: "Members",
                column: "MergedIntoMemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Data carried over from before the social layer.
            migrationBuilder.Sql(@"EXEC(N'UPDATE [Tiers] SET [QualifyPoints] = CASE WHEN [Rank] = 0 THEN NULL WHEN [QualificationThreshold] < 1 THEN 1 ELSE [QualificationThreshold] END, [Perks] = ''[]'', [UpdatedAt] = [CreatedAt];');");
            migrationBuilder.DropColumn(
                name: "QualificationThreshold",
                table: "Tiers");
            migrationBuilder.Sql(@"EXEC(N'UPDATE [Members] SET [TierSince] = [EnrolledAt];');");
            migrationBuilder.Sql(@"EXEC(N'INSERT INTO [TierChanges] ([MemberId], [FromTierId], [ToTierId], [Reason], [OccurredAt], [Actor]) SELECT [Id], NULL, [TierId], ''Enrolment'', [EnrolledAt], ''system'' FROM [Members];');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Members_Members_MergedIntoMemberId",
                table: "Members");

            migrationBuilder.DropTable(
                name: "ClubEventRegistrations");

            migrationBuilder.DropTable(
                name: "ClubEventTiers");

            migrationBuilder.DropTable(
                name: "MemberReferralCodes");

            migrationBuilder.DropTable(
                name: "ReferralProgrammes");

            migrationBuilder.DropTable(
                name: "Referrals");

            migrationBuilder.DropTable(
                name: "TierChanges");

            migrationBuilder.DropTable(
                name: "TierProgrammes");

            migrationBuilder.DropTable(
                name: "TierSchemeVersions");

            migrationBuilder.DropTable(
                name: "ClubEvents");

            migrationBuilder.DropIndex(
                name: "IX_Tiers_Name",
                table: "Tiers");

            migrationBuilder.DropIndex(
                name: "IX_Tiers_Rank",
                table: "Tiers");

            migrationBuilder.DropIndex(
                name: "IX_Purchases_MemberId_PurchasedAt",
                table: "Purchases");

            migrationBuilder.DropIndex(
                name: "IX_Members_MergedIntoMemberId",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Members_TierReviewAt",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "Perks",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "QualifyPoints",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "QualifySpend",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "QualifyVisits",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "RetainPoints",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "RetainSpend",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "RetainVisits",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "RetiredAt",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "RewardDiscountPercent",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "SupportResponseHours",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Tiers");

            migrationBuilder.DropColumn(
                name: "PointsOnClose",
                table: "PointsPolicies");

            migrationBuilder.DropColumn(
                name: "ErasedAt",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "MergedIntoMemberId",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "StatusChangedAt",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "TierGraceUntil",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "TierReviewAt",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "TierSince",
                table: "Members");

            migrationBuilder.AddColumn<long>(
                name: "QualificationThreshold",
                table: "Tiers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_Tiers_Name",
                table: "Tiers",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tiers_Rank",
                table: "Tiers",
                column: "Rank",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Purchases_MemberId",
                table: "Purchases",
                column: "MemberId");
        }
    }
}
