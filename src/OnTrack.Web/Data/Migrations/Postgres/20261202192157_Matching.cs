using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Postgres;

/// <inheritdoc />
public partial class Matching : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "MatchingSettings",
            columns: table => new
            {
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                MinCases = table.Column<int>(type: "integer", nullable: false),
                ClientsMayChoose = table.Column<bool>(type: "boolean", nullable: false),
                UpdatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                UpdatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MatchingSettings", x => x.ClinicId);
                table.CheckConstraint("CK_MatchingSettings_MinCases", "\"MinCases\" BETWEEN 2 AND 1000");
                table.ForeignKey(
                    name: "FK_MatchingSettings_Clinics_ClinicId",
                    column: x => x.ClinicId,
                    principalTable: "Clinics",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "MatchSuggestions",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                Purpose = table.Column<int>(type: "integer", nullable: false),
                FromTherapistId = table.Column<Guid>(type: "uuid", nullable: true),
                Areas = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                CandidatesJson = table.Column<string>(type: "text", nullable: false),
                OfferedToClient = table.Column<bool>(type: "boolean", nullable: false),
                CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                CreatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                ChosenTherapistId = table.Column<Guid>(type: "uuid", nullable: true),
                ChosenRank = table.Column<int>(type: "integer", nullable: true),
                ChosenBy = table.Column<int>(type: "integer", nullable: true),
                ChosenByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                ChosenAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MatchSuggestions", x => x.Id);
                table.ForeignKey(
                    name: "FK_MatchSuggestions_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TherapistProfiles",
            columns: table => new
            {
                TherapistId = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ProblemAreas = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                Approaches = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                NewClientsPerWeek = table.Column<int>(type: "integer", nullable: false),
                UpdatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                UpdatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TherapistProfiles", x => x.TherapistId);
                table.CheckConstraint("CK_TherapistProfiles_Capacity", "\"NewClientsPerWeek\" BETWEEN 0 AND 50");
                table.ForeignKey(
                    name: "FK_TherapistProfiles_Therapists_TherapistId",
                    column: x => x.TherapistId,
                    principalTable: "Therapists",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_MatchingSettings_ClinicId",
            table: "MatchingSettings",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_MatchSuggestions_ClientId_CreatedAt",
            table: "MatchSuggestions",
            columns: new[] { "ClientId", "CreatedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_MatchSuggestions_ClinicId",
            table: "MatchSuggestions",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_MatchSuggestions_ClinicId_ChosenAt",
            table: "MatchSuggestions",
            columns: new[] { "ClinicId", "ChosenAt" });

        migrationBuilder.CreateIndex(
            name: "IX_TherapistProfiles_ClinicId",
            table: "TherapistProfiles",
            column: "ClinicId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "MatchingSettings");

        migrationBuilder.DropTable(
            name: "MatchSuggestions");

        migrationBuilder.DropTable(
            name: "TherapistProfiles");
    }
}
