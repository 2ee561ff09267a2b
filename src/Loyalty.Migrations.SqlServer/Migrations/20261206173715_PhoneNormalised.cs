using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PhoneNormalised : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PhoneNormalised",
                table: "Members",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_PhoneNormalised",
                table: "Members",
                column: "PhoneNormalised");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_PhoneNormalised",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "PhoneNormalised",
                table: "Members");
        }
    }
}
