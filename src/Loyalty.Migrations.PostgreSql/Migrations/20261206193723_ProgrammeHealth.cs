using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammeHealth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Nps",
                table: "MemberInsights",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProgrammeHealthAcquisitions",
                columns: table => new
                {
                    Month = table.Column<string>(type: "character(7)", fixedLength: true, maxLength: 7, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Members = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeHealthAcquisitions", x => new { x.Month, x.Source, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeHealthMonths",
                columns: table => new
                {
                    Month = table.Column<string>(type: "character(7)", fixedLength: true, maxLength: 7, nullable: false),
                    ActiveMembers = table.Column<long>(type: "bigint", nullable: false),
                    PreviousActiveMembers = table.Column<long>(type: "bigint", nullable: false),
                    RetainedMembers = table.Column<long>(type: "bigint", nullable: false),
                    RepeatBuyers = table.Column<long>(type: "bigint", nullable: false),
                    Visits = table.Column<long>(type: "bigint", nullable: false),
                    NewMembers = table.Column<long>(type: "bigint", nullable: false),
                    NewReferred = table.Column<long>(type: "bigint", nullable: false),
                    PointsIssued = table.Column<long>(type: "bigint", nullable: false),
                    PointsRedeemed = table.Column<long>(type: "bigint", nullable: false),
                    PointsExpired = table.Column<long>(type: "bigint", nullable: false),
                    NpsAnswers = table.Column<long>(type: "bigint", nullable: false),
                    Promoters = table.Column<long>(type: "bigint", nullable: false),
                    Detractors = table.Column<long>(type: "bigint", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeHealthMonths", x => x.Month);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgrammeHealthAcquisitions");

            migrationBuilder.DropTable(
                name: "ProgrammeHealthMonths");

            migrationBuilder.DropColumn(
                name: "Nps",
                table: "MemberInsights");
        }
    }
}
