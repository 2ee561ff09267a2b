using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class TidyNotificationCap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "MemberNotifications",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Number the notifications already sent, per member in the order written, before the index holds them unique.
            migrationBuilder.Sql("""
                UPDATE "MemberNotifications" SET "Sequence" = (
                    SELECT COUNT(*) FROM "MemberNotifications" earlier
                    WHERE earlier."MemberId" = "MemberNotifications"."MemberId" AND earlier."Id" <= "MemberNotifications"."Id")
                """);

            migrationBuilder.CreateIndex(
                name: "IX_MemberNotifications_MemberId_Sequence",
                table: "MemberNotifications",
                columns: new[] { "MemberId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MemberNotifications_MemberId_Sequence",
                table: "MemberNotifications");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "MemberNotifications");
        }
    }
}
