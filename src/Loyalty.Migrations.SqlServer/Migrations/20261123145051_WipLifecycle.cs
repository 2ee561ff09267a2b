using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loyalty.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class WipLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_Members_MergedIntoMemberId",
                table: "Members",
                column: "MergedIntoMemberId");

            migrationBuilder.AddForeignKey(
                name: "FK_Members_Members_MergedIntoMemberId",
                table: "Members",
                column: "MergedIntoMemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Members_Members_MergedIntoMemberId",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Members_MergedIntoMemberId",
                table: "Members");

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
        }
    }
}
