using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Monime.Portal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExpiryNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ExpiryNotices",
                columns: table => new
                {
                    TokenId = table.Column<Guid>(type: "uuid", nullable: false),
                    Threshold = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpiryNotices", x => new { x.TokenId, x.Threshold });
                    table.ForeignKey(
                        name: "FK_ExpiryNotices_AccessTokens_TokenId",
                        column: x => x.TokenId,
                        principalTable: "AccessTokens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExpiryNotices");
        }
    }
}
