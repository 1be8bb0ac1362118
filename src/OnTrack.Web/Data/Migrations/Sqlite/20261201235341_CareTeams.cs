using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Sqlite;

/// <inheritdoc />
public partial class CareTeams : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CareTeamMembers",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                TherapistId = table.Column<Guid>(type: "TEXT", nullable: false),
                Role = table.Column<int>(type: "INTEGER", nullable: false),
                Access = table.Column<int>(type: "INTEGER", nullable: false),
                Source = table.Column<int>(type: "INTEGER", nullable: false),
                From = table.Column<long>(type: "INTEGER", nullable: false),
                Until = table.Column<long>(type: "INTEGER", nullable: true),
                AppointmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CareTeamMembers", x => x.Id);
                table.ForeignKey(
                    name: "FK_CareTeamMembers_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_CareTeamMembers_Therapists_TherapistId",
                    column: x => x.TherapistId,
                    principalTable: "Therapists",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_CareTeamMembers_ClientId_TherapistId",
            table: "CareTeamMembers",
            columns: new[] { "ClientId", "TherapistId" });

        migrationBuilder.CreateIndex(
            name: "IX_CareTeamMembers_ClinicId",
            table: "CareTeamMembers",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_CareTeamMembers_TherapistId_ClientId",
            table: "CareTeamMembers",
            columns: new[] { "TherapistId", "ClientId" });

        // Fill the care teams from the data before they existed: every client gets a primary therapist
        // (their assigned one, or the therapist of their first session), and every other therapist they
        // have a session with that still stands joins the team (as group facilitator for a group). A
        // cancelled booking gives nothing.
        migrationBuilder.Sql("""
UPDATE "Clients" SET "PrimaryTherapistId" = (
    SELECT a."TherapistId" FROM "Participants" p JOIN "Appointments" a ON a."Id" = p."AppointmentId"
    WHERE p."ClientId" = "Clients"."Id" AND p."Status" = 0 AND a."Status" IN (0, 1, 2)
    ORDER BY a."Start" LIMIT 1)
WHERE "PrimaryTherapistId" IS NULL;
""");

        migrationBuilder.Sql("""
INSERT INTO "CareTeamMembers" ("Id", "ClinicId", "ClientId", "TherapistId", "Role", "Access", "Source", "From", "Until", "AppointmentId", "Note")
SELECT upper(substr(hex(randomblob(4)),1,8) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), c."ClinicId", c."Id", c."PrimaryTherapistId", 0, 0, 0, c."CreatedAt", NULL, NULL, 'Primary therapist before care teams'
FROM "Clients" c WHERE c."PrimaryTherapistId" IS NOT NULL;
""");

        migrationBuilder.Sql("""
INSERT INTO "CareTeamMembers" ("Id", "ClinicId", "ClientId", "TherapistId", "Role", "Access", "Source", "From", "Until", "AppointmentId", "Note")
SELECT upper(substr(hex(randomblob(4)),1,8) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))), x."ClinicId", x."ClientId", x."TherapistId", CASE WHEN x."Groups" > 0 THEN 2 ELSE 1 END, 0, 0, x."First", NULL, NULL, 'Sessions held before care teams'
FROM (SELECT p."ClinicId", p."ClientId", a."TherapistId", MIN(a."Start") AS "First", SUM(CASE WHEN s."Format" = 3 THEN 1 ELSE 0 END) AS "Groups"
      FROM "Participants" p JOIN "Appointments" a ON a."Id" = p."AppointmentId" JOIN "Services" s ON s."Id" = a."ServiceId" JOIN "Clients" c ON c."Id" = p."ClientId"
      WHERE p."Status" = 0 AND a."Status" IN (0, 1, 2) AND c."PrimaryTherapistId" <> a."TherapistId"
      GROUP BY p."ClinicId", p."ClientId", a."TherapistId") x;
""");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "CareTeamMembers");
    }
}
