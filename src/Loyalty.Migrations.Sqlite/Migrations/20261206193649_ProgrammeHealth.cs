using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProgrammeHealthAcquisitions",
                columns: table => new
                {
                    Month = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 7, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Members = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeHealthAcquisitions", x => new { x.Month, x.Source, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeHealthMonths",
                columns: table => new
                {
                    Month = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 7, nullable: false),
                    ActiveMembers = table.Column<long>(type: "INTEGER", nullable: false),
                    PreviousActiveMembers = table.Column<long>(type: "INTEGER", nullable: false),
                    RetainedMembers = table.Column<long>(type: "INTEGER", nullable: false),
                    RepeatBuyers = table.Column<long>(type: "INTEGER", nullable: false),
                    Visits = table.Column<long>(type: "INTEGER", nullable: false),
                    NewMembers = table.Column<long>(type: "INTEGER", nullable: false),
                    NewReferred = table.Column<long>(type: "INTEGER", nullable: false),
                    PointsIssued = table.Column<long>(type: "INTEGER", nullable: false),
                    PointsRedeemed = table.Column<long>(type: "INTEGER", nullable: false),
                    PointsExpired = table.Column<long>(type: "INTEGER", nullable: false),
                    NpsAnswers = table.Column<long>(type: "INTEGER", nullable: false),
                    Promoters = table.Column<long>(type: "INTEGER", nullable: false),
                    Detractors = table.Column<long>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
