using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Loyalty.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InsightCareAndNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PhoneNormalised",
                table: "Members",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ContentInterests",
                columns: table => new
                {
                    ContentKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ContentId = table.Column<Guid>(type: "uuid", nullable: false),
                    TopicId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentInterests", x => new { x.ContentKind, x.ContentId, x.TopicId });
                    table.ForeignKey(
                        name: "FK_ContentInterests_InterestTopics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "InterestTopics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InsightRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    AsOf = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    RetentionCohort = table.Column<long>(type: "bigint", nullable: false),
                    RetentionRetained = table.Column<long>(type: "bigint", nullable: false),
                    Retention = table.Column<double>(type: "double precision", nullable: false),
                    ValueMultiple = table.Column<double>(type: "double precision", nullable: false),
                    Members = table.Column<int>(type: "integer", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TriggeredBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LeavingReasons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Source = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    TierId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeavingReasons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeavingReasons_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MemberNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ContentKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ContentId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberNotifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberNotifications_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NotificationSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    MaxPerWindow = table.Column<int>(type: "integer", nullable: false),
                    WindowDays = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Points = table.Column<long>(type: "bigint", nullable: true),
                    LedgerEntryId = table.Column<long>(type: "bigint", nullable: true),
                    OfferId = table.Column<Guid>(type: "uuid", nullable: true),
                    TierId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChurnScore = table.Column<int>(type: "integer", nullable: true),
                    ValueDecile = table.Column<int>(type: "integer", nullable: true),
                    FollowUpDays = table.Column<int>(type: "integer", nullable: false),
                    TakenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TakenBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReturnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EvaluatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionActions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceCases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    TierId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PurchaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    StoreId = table.Column<Guid>(type: "uuid", nullable: true),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Priority = table.Column<bool>(type: "boolean", nullable: false),
                    ResponseHours = table.Column<int>(type: "integer", nullable: false),
                    ServiceLevelDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstResponseAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StepNumber = table.Column<int>(type: "integer", nullable: false),
                    NextStep = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    NextStepDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalatedTo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Resolution = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    GoodwillPoints = table.Column<long>(type: "bigint", nullable: false),
                    GoodwillLedgerEntryId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceCases_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceCases_Tiers_TierId",
                        column: x => x.TierId,
                        principalTable: "Tiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Surveys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Touchpoint = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TouchpointId = table.Column<Guid>(type: "uuid", nullable: false),
                    StoreId = table.Column<Guid>(type: "uuid", nullable: true),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    TierId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Csat = table.Column<int>(type: "integer", nullable: true),
                    Nps = table.Column<int>(type: "integer", nullable: true),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surveys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Surveys_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SurveyTriggers",
                columns: table => new
                {
                    Touchpoint = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TouchpointId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SurveyId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyTriggers", x => new { x.Touchpoint, x.TouchpointId });
                });

            migrationBuilder.CreateTable(
                name: "MemberInsights",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    TierId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenureDays = table.Column<int>(type: "integer", nullable: false),
                    Visits = table.Column<int>(type: "integer", nullable: false),
                    VisitsYear = table.Column<int>(type: "integer", nullable: false),
                    VisitsQuarter = table.Column<int>(type: "integer", nullable: false),
                    VisitsPreviousQuarter = table.Column<int>(type: "integer", nullable: false),
                    NetSpendYear = table.Column<long>(type: "bigint", nullable: false),
                    NetSpendQuarter = table.Column<long>(type: "bigint", nullable: false),
                    LastVisitAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DaysSinceLastVisit = table.Column<int>(type: "integer", nullable: true),
                    IntervalDays = table.Column<double>(type: "double precision", nullable: true),
                    IntervalVariation = table.Column<double>(type: "double precision", nullable: true),
                    Recency = table.Column<int>(type: "integer", nullable: false),
                    Frequency = table.Column<int>(type: "integer", nullable: false),
                    Monetary = table.Column<int>(type: "integer", nullable: false),
                    LifetimeValue = table.Column<long>(type: "bigint", nullable: false),
                    ValueRank = table.Column<int>(type: "integer", nullable: false),
                    ValueDecile = table.Column<int>(type: "integer", nullable: false),
                    Class = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ChurnScore = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberInsights", x => new { x.RunId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_MemberInsights_InsightRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "InsightRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseSteps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SetBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PromptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseSteps_ServiceCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "ServiceCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurveyDimensionAnswers",
                columns: table => new
                {
                    SurveyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Dimension = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Expected = table.Column<int>(type: "integer", nullable: false),
                    Perceived = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyDimensionAnswers", x => new { x.SurveyId, x.Dimension });
                    table.ForeignKey(
                        name: "FK_SurveyDimensionAnswers_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Members_PhoneNormalised",
                table: "Members",
                column: "PhoneNormalised");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSteps_CaseId_Number",
                table: "CaseSteps",
                columns: new[] { "CaseId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseSteps_PromptedAt_CompletedAt_DueAt",
                table: "CaseSteps",
                columns: new[] { "PromptedAt", "CompletedAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentInterests_TopicId",
                table: "ContentInterests",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_InsightRuns_Number",
                table: "InsightRuns",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LeavingReasons_At",
                table: "LeavingReasons",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_LeavingReasons_MemberId",
                table: "LeavingReasons",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberInsights_MemberId",
                table: "MemberInsights",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberInsights_RunId_ChurnScore",
                table: "MemberInsights",
                columns: new[] { "RunId", "ChurnScore" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberNotifications_ContentKind_ContentId_MemberId",
                table: "MemberNotifications",
                columns: new[] { "ContentKind", "ContentId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MemberNotifications_MemberId_At",
                table: "MemberNotifications",
                columns: new[] { "MemberId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionActions_MemberId_TakenAt",
                table: "RetentionActions",
                columns: new[] { "MemberId", "TakenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionActions_Outcome",
                table: "RetentionActions",
                column: "Outcome");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceCases_MemberId_OpenedAt",
                table: "ServiceCases",
                columns: new[] { "MemberId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceCases_OpenedAt",
                table: "ServiceCases",
                column: "OpenedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceCases_Owner_Status_NextStepDueAt",
                table: "ServiceCases",
                columns: new[] { "Owner", "Status", "NextStepDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceCases_Status_EscalatedAt_ServiceLevelDueAt",
                table: "ServiceCases",
                columns: new[] { "Status", "EscalatedAt", "ServiceLevelDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceCases_Status_NextStepDueAt_Id",
                table: "ServiceCases",
                columns: new[] { "Status", "NextStepDueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceCases_TierId",
                table: "ServiceCases",
                column: "TierId");

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_AnsweredAt",
                table: "Surveys",
                column: "AnsweredAt");

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_MemberId_Sequence",
                table: "Surveys",
                columns: new[] { "MemberId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_RequestedAt",
                table: "Surveys",
                column: "RequestedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyTriggers_MemberId",
                table: "SurveyTriggers",
                column: "MemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseSteps");

            migrationBuilder.DropTable(
                name: "ContentInterests");

            migrationBuilder.DropTable(
                name: "LeavingReasons");

            migrationBuilder.DropTable(
                name: "MemberInsights");

            migrationBuilder.DropTable(
                name: "MemberNotifications");

            migrationBuilder.DropTable(
                name: "NotificationSettings");

            migrationBuilder.DropTable(
                name: "RetentionActions");

            migrationBuilder.DropTable(
                name: "SurveyDimensionAnswers");

            migrationBuilder.DropTable(
                name: "SurveyTriggers");

            migrationBuilder.DropTable(
                name: "ServiceCases");

            migrationBuilder.DropTable(
                name: "InsightRuns");

            migrationBuilder.DropTable(
                name: "Surveys");

            migrationBuilder.DropIndex(
                name: "IX_Members_PhoneNormalised",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "PhoneNormalised",
                table: "Members");
        }
    }
}
