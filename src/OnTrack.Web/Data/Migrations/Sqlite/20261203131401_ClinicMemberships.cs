using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Sqlite;

/// <inheritdoc />
public partial class ClinicMemberships : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(
            name: "LastClinicId",
            table: "AspNetUsers",
            type: "TEXT",
            nullable: true);

        migrationBuilder.CreateTable(
            name: "ClinicMemberships",
            columns: table => new
            {
                UserId = table.Column<string>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                Role = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ClinicMemberships", x => new { x.UserId, x.ClinicId, x.Role });
                table.ForeignKey(
                    name: "FK_ClinicMemberships_AspNetUsers_UserId",
                    column: x => x.UserId,
                    principalTable: "AspNetUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ClinicMemberships_Clinics_ClinicId",
                    column: x => x.ClinicId,
                    principalTable: "Clinics",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_ClinicMemberships_ClinicId",
            table: "ClinicMemberships",
            column: "ClinicId");

        // Decision 011, step 1: every login's roles become memberships of the clinic it belongs to.
        migrationBuilder.Sql(
            """
            INSERT INTO "ClinicMemberships" ("UserId", "ClinicId", "Role", "CreatedAt")
            SELECT ur."UserId", u."ClinicId", r."Name", CAST(strftime('%s','now') AS INTEGER) * 10000000
            FROM "AspNetUserRoles" ur
            JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
            JOIN "AspNetUsers" u ON u."Id" = ur."UserId"
            JOIN "Clinics" c ON c."Id" = u."ClinicId"
            WHERE r."Name" IS NOT NULL
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "ClinicMemberships");

        migrationBuilder.DropColumn(
            name: "LastClinicId",
            table: "AspNetUsers");
    }
}
