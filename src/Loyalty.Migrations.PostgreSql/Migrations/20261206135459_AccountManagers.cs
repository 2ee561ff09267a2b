using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AccountManagers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccountManagers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountManagers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "KeyAccountFiles",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Contacts = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Needs = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Equipment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ServiceLevel = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreditTerms = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PaymentTerms = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    NextReviewAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyAccountFiles", x => x.MemberId);
                    table.ForeignKey(
                        name: "FK_KeyAccountFiles_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PriorityServiceMembers",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SetBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriorityServiceMembers", x => x.MemberId);
                    table.ForeignKey(
                        name: "FK_PriorityServiceMembers_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PriorityServiceTiers",
                columns: table => new
                {
                    TierId = table.Column<Guid>(type: "uuid", nullable: false),
                    SetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SetBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriorityServiceTiers", x => x.TierId);
                    table.ForeignKey(
                        name: "FK_PriorityServiceTiers_Tiers_TierId",
                        column: x => x.TierId,
                        principalTable: "Tiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssignmentChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromManagerId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToManagerId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssignmentChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssignmentChanges_AccountManagers_FromManagerId",
                        column: x => x.FromManagerId,
                        principalTable: "AccountManagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssignmentChanges_AccountManagers_ToManagerId",
                        column: x => x.ToManagerId,
                        principalTable: "AccountManagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssignmentChanges_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PortfolioAssignments",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    ManagerId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AssignedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortfolioAssignments", x => x.MemberId);
                    table.ForeignKey(
                        name: "FK_PortfolioAssignments_AccountManagers_ManagerId",
                        column: x => x.ManagerId,
                        principalTable: "AccountManagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PortfolioAssignments_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KeyAccountInteractions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    NextStep = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    NextStepDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextStepDoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyAccountInteractions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyAccountInteractions_KeyAccountFiles_MemberId",
                        column: x => x.MemberId,
                        principalTable: "KeyAccountFiles",
                        principalColumn: "MemberId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountManagers_Subject",
                table: "AccountManagers",
                column: "Subject",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentChanges_FromManagerId",
                table: "AssignmentChanges",
                column: "FromManagerId");

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentChanges_MemberId_ChangedAt",
                table: "AssignmentChanges",
                columns: new[] { "MemberId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentChanges_ToManagerId",
                table: "AssignmentChanges",
                column: "ToManagerId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyAccountFiles_NextReviewAt",
                table: "KeyAccountFiles",
                column: "NextReviewAt");

            migrationBuilder.CreateIndex(
                name: "IX_KeyAccountInteractions_MemberId_OccurredAt_Id",
                table: "KeyAccountInteractions",
                columns: new[] { "MemberId", "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_KeyAccountInteractions_NextStepDueAt_NextStepDoneAt",
                table: "KeyAccountInteractions",
                columns: new[] { "NextStepDueAt", "NextStepDoneAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PortfolioAssignments_ManagerId_MemberId",
                table: "PortfolioAssignments",
                columns: new[] { "ManagerId", "MemberId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssignmentChanges");

            migrationBuilder.DropTable(
                name: "KeyAccountInteractions");

            migrationBuilder.DropTable(
                name: "PortfolioAssignments");

            migrationBuilder.DropTable(
                name: "PriorityServiceMembers");

            migrationBuilder.DropTable(
                name: "PriorityServiceTiers");

            migrationBuilder.DropTable(
                name: "KeyAccountFiles");

            migrationBuilder.DropTable(
                name: "AccountManagers");
        }
    }
}
