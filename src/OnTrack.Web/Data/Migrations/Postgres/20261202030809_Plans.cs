using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Postgres;

/// <inheritdoc />
public partial class Plans : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ClientPreferences",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                Direction = table.Column<int>(type: "integer", nullable: true),
                EmotionalIntensity = table.Column<int>(type: "integer", nullable: true),
                TimeFocus = table.Column<int>(type: "integer", nullable: true),
                SupportOrChallenge = table.Column<int>(type: "integer", nullable: true),
                TherapistGender = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                Language = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                Modality = table.Column<int>(type: "integer", nullable: false),
                Mornings = table.Column<bool>(type: "boolean", nullable: false),
                Afternoons = table.Column<bool>(type: "boolean", nullable: false),
                Evenings = table.Column<bool>(type: "boolean", nullable: false),
                UpdatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                UpdatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                UpdatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ClientPreferences", x => x.Id);
                table.ForeignKey(
                    name: "FK_ClientPreferences_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Expectations",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                AskedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                Occasion = table.Column<int>(type: "integer", nullable: false),
                SessionsExpected = table.Column<int>(type: "integer", nullable: false),
                WeeksToFeelBetter = table.Column<int>(type: "integer", nullable: false),
                Confidence = table.Column<int>(type: "integer", nullable: false),
                ByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Expectations", x => x.Id);
                table.ForeignKey(
                    name: "FK_Expectations_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Goals",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                LinkId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                Text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                Status = table.Column<int>(type: "integer", nullable: false),
                StatusOn = table.Column<LocalDate>(type: "date", nullable: true),
                StatusChangedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                ProposedBy = table.Column<int>(type: "integer", nullable: false),
                ProposedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                GasLevels = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                GasWeight = table.Column<decimal>(type: "numeric(9,3)", precision: 9, scale: 3, nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Goals", x => x.Id);
                table.ForeignKey(
                    name: "FK_Goals_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TherapistStyles",
            columns: table => new
            {
                TherapistId = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                Direction = table.Column<int>(type: "integer", nullable: true),
                EmotionalIntensity = table.Column<int>(type: "integer", nullable: true),
                TimeFocus = table.Column<int>(type: "integer", nullable: true),
                SupportOrChallenge = table.Column<int>(type: "integer", nullable: true),
                Gender = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                Languages = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                UpdatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                UpdatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TherapistStyles", x => x.TherapistId);
                table.ForeignKey(
                    name: "FK_TherapistStyles_Therapists_TherapistId",
                    column: x => x.TherapistId,
                    principalTable: "Therapists",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "TreatmentPlans",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                Version = table.Column<int>(type: "integer", nullable: false),
                ProblemAreas = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                ClientWords = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                Approach = table.Column<int>(type: "integer", nullable: false),
                Format = table.Column<int>(type: "integer", nullable: false),
                Frequency = table.Column<int>(type: "integer", nullable: false),
                PlannedSessions = table.Column<int>(type: "integer", nullable: true),
                PlannedWeeks = table.Column<int>(type: "integer", nullable: true),
                NextReview = table.Column<LocalDate>(type: "date", nullable: true),
                ChangedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                ChangedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                ChangedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TreatmentPlans", x => x.Id);
                table.ForeignKey(
                    name: "FK_TreatmentPlans_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "GoalRevisions",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                GoalId = table.Column<Guid>(type: "uuid", nullable: false),
                PreviousText = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                RevisedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                ByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_GoalRevisions", x => x.Id);
                table.ForeignKey(
                    name: "FK_GoalRevisions_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_GoalRevisions_Goals_GoalId",
                    column: x => x.GoalId,
                    principalTable: "Goals",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PlanResponses",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                PlanVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                Version = table.Column<int>(type: "integer", nullable: false),
                Agreed = table.Column<bool>(type: "boolean", nullable: false),
                Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                ByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PlanResponses", x => x.Id);
                table.ForeignKey(
                    name: "FK_PlanResponses_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_PlanResponses_TreatmentPlans_PlanVersionId",
                    column: x => x.PlanVersionId,
                    principalTable: "TreatmentPlans",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_ClientPreferences_ClientId",
            table: "ClientPreferences",
            column: "ClientId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ClientPreferences_ClinicId",
            table: "ClientPreferences",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_Expectations_ClientId_AskedAt",
            table: "Expectations",
            columns: new[] { "ClientId", "AskedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Expectations_ClinicId",
            table: "Expectations",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_GoalRevisions_ClientId",
            table: "GoalRevisions",
            column: "ClientId");

        migrationBuilder.CreateIndex(
            name: "IX_GoalRevisions_ClinicId",
            table: "GoalRevisions",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_GoalRevisions_GoalId",
            table: "GoalRevisions",
            column: "GoalId");

        migrationBuilder.CreateIndex(
            name: "IX_Goals_ClientId_LinkId",
            table: "Goals",
            columns: new[] { "ClientId", "LinkId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Goals_ClientId_Status",
            table: "Goals",
            columns: new[] { "ClientId", "Status" });

        migrationBuilder.CreateIndex(
            name: "IX_Goals_ClinicId",
            table: "Goals",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_PlanResponses_ClientId_Version",
            table: "PlanResponses",
            columns: new[] { "ClientId", "Version" });

        migrationBuilder.CreateIndex(
            name: "IX_PlanResponses_ClinicId",
            table: "PlanResponses",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_PlanResponses_PlanVersionId",
            table: "PlanResponses",
            column: "PlanVersionId");

        migrationBuilder.CreateIndex(
            name: "IX_TherapistStyles_ClinicId",
            table: "TherapistStyles",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_TreatmentPlans_ClientId_Version",
            table: "TreatmentPlans",
            columns: new[] { "ClientId", "Version" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_TreatmentPlans_ClinicId",
            table: "TreatmentPlans",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_TreatmentPlans_ClinicId_NextReview",
            table: "TreatmentPlans",
            columns: new[] { "ClinicId", "NextReview" });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "ClientPreferences");

        migrationBuilder.DropTable(
            name: "Expectations");

        migrationBuilder.DropTable(
            name: "GoalRevisions");

        migrationBuilder.DropTable(
            name: "PlanResponses");

        migrationBuilder.DropTable(
            name: "TherapistStyles");

        migrationBuilder.DropTable(
            name: "Goals");

        migrationBuilder.DropTable(
            name: "TreatmentPlans");
    }
}
