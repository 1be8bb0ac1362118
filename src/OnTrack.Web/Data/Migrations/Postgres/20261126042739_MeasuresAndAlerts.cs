using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Postgres;

/// <inheritdoc />
public partial class MeasuresAndAlerts : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<decimal>(
            name: "AllianceFallBy",
            table: "Clinics",
            type: "numeric",
            nullable: false,
            defaultValue: 0m);

        migrationBuilder.AddColumn<decimal>(
            name: "AllianceLowBelow",
            table: "Clinics",
            type: "numeric",
            nullable: false,
            defaultValue: 0m);

        migrationBuilder.AddColumn<int>(
            name: "FormsOpenHoursBefore",
            table: "Clinics",
            type: "integer",
            nullable: false,
            defaultValue: 0);

        migrationBuilder.AddColumn<int>(
            name: "RiskEscalationMinutes",
            table: "Clinics",
            type: "integer",
            nullable: false,
            defaultValue: 0);

        migrationBuilder.AddColumn<Instant>(
            name: "DischargedAt",
            table: "Clients",
            type: "timestamp with time zone",
            nullable: true);

        migrationBuilder.AddColumn<bool>(
            name: "Ending",
            table: "Clients",
            type: "boolean",
            nullable: false,
            defaultValue: false);

        migrationBuilder.CreateTable(
            name: "MeasurePlans",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: true),
                InstrumentId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Timing = table.Column<int>(type: "integer", nullable: false),
                Every = table.Column<int>(type: "integer", nullable: false),
                Position = table.Column<int>(type: "integer", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MeasurePlans", x => x.Id);
                table.ForeignKey(
                    name: "FK_MeasurePlans_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Responses",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                InstrumentId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                InstrumentVersion = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                AppointmentId = table.Column<Guid>(type: "uuid", nullable: true),
                SessionNumber = table.Column<int>(type: "integer", nullable: true),
                CompletedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                RecordedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                Source = table.Column<int>(type: "integer", nullable: false),
                RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                Answers = table.Column<string>(type: "text", nullable: false),
                Valid = table.Column<bool>(type: "boolean", nullable: false),
                Total = table.Column<decimal>(type: "numeric", nullable: true),
                Band = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                IsCase = table.Column<bool>(type: "boolean", nullable: true),
                Subscales = table.Column<string>(type: "text", nullable: false),
                RiskEndorsed = table.Column<bool>(type: "boolean", nullable: false),
                IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Responses", x => x.Id);
                table.ForeignKey(
                    name: "FK_Responses_Appointments_AppointmentId",
                    column: x => x.AppointmentId,
                    principalTable: "Appointments",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Responses_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Alerts",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                TherapistId = table.Column<Guid>(type: "uuid", nullable: true),
                Kind = table.Column<int>(type: "integer", nullable: false),
                Priority = table.Column<int>(type: "integer", nullable: false),
                State = table.Column<int>(type: "integer", nullable: false),
                ResponseId = table.Column<Guid>(type: "uuid", nullable: true),
                InstrumentId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                RaisedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                AcknowledgedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                AcknowledgedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                ActionTaken = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                EscalatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                ResolvedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                ResolvedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                Resolution = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Alerts", x => x.Id);
                table.ForeignKey(
                    name: "FK_Alerts_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Alerts_Responses_ResponseId",
                    column: x => x.ResponseId,
                    principalTable: "Responses",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Alerts_Therapists_TherapistId",
                    column: x => x.TherapistId,
                    principalTable: "Therapists",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_Alerts_ClientId",
            table: "Alerts",
            column: "ClientId");

        migrationBuilder.CreateIndex(
            name: "IX_Alerts_ClinicId",
            table: "Alerts",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_Alerts_ResponseId_Kind",
            table: "Alerts",
            columns: new[] { "ResponseId", "Kind" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Alerts_TherapistId_State",
            table: "Alerts",
            columns: new[] { "TherapistId", "State" });

        migrationBuilder.CreateIndex(
            name: "IX_MeasurePlans_ClientId",
            table: "MeasurePlans",
            column: "ClientId");

        migrationBuilder.CreateIndex(
            name: "IX_MeasurePlans_ClinicId",
            table: "MeasurePlans",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_MeasurePlans_ClinicId_ClientId_Position",
            table: "MeasurePlans",
            columns: new[] { "ClinicId", "ClientId", "Position" });

        migrationBuilder.CreateIndex(
            name: "IX_Responses_AppointmentId",
            table: "Responses",
            column: "AppointmentId");

        migrationBuilder.CreateIndex(
            name: "IX_Responses_ClientId_IdempotencyKey",
            table: "Responses",
            columns: new[] { "ClientId", "IdempotencyKey" },
            unique: true,
            filter: "\"IdempotencyKey\" IS NOT NULL");

        migrationBuilder.CreateIndex(
            name: "IX_Responses_ClientId_InstrumentId_CompletedAt",
            table: "Responses",
            columns: new[] { "ClientId", "InstrumentId", "CompletedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Responses_ClinicId",
            table: "Responses",
            column: "ClinicId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "Alerts");

        migrationBuilder.DropTable(
            name: "MeasurePlans");

        migrationBuilder.DropTable(
            name: "Responses");

        migrationBuilder.DropColumn(
            name: "AllianceFallBy",
            table: "Clinics");

        migrationBuilder.DropColumn(
            name: "AllianceLowBelow",
            table: "Clinics");

        migrationBuilder.DropColumn(
            name: "FormsOpenHoursBefore",
            table: "Clinics");

        migrationBuilder.DropColumn(
            name: "RiskEscalationMinutes",
            table: "Clinics");

        migrationBuilder.DropColumn(
            name: "DischargedAt",
            table: "Clients");

        migrationBuilder.DropColumn(
            name: "Ending",
            table: "Clients");
    }
}
