using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Sqlite;

/// <inheritdoc />
public partial class MeasuresAndAlerts : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<double>(
            name: "AllianceFallBy",
            table: "Clinics",
            type: "REAL",
            nullable: false,
            defaultValue: 0.0);

        migrationBuilder.AddColumn<double>(
            name: "AllianceLowBelow",
            table: "Clinics",
            type: "REAL",
            nullable: false,
            defaultValue: 0.0);

        migrationBuilder.AddColumn<int>(
            name: "FormsOpenHoursBefore",
            table: "Clinics",
            type: "INTEGER",
            nullable: false,
            defaultValue: 0);

        migrationBuilder.AddColumn<int>(
            name: "RiskEscalationMinutes",
            table: "Clinics",
            type: "INTEGER",
            nullable: false,
            defaultValue: 0);

        migrationBuilder.AddColumn<long>(
            name: "DischargedAt",
            table: "Clients",
            type: "INTEGER",
            nullable: true);

        migrationBuilder.AddColumn<bool>(
            name: "Ending",
            table: "Clients",
            type: "INTEGER",
            nullable: false,
            defaultValue: false);

        migrationBuilder.CreateTable(
            name: "MeasurePlans",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: true),
                InstrumentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Timing = table.Column<int>(type: "INTEGER", nullable: false),
                Every = table.Column<int>(type: "INTEGER", nullable: false),
                Position = table.Column<int>(type: "INTEGER", nullable: false)
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
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                InstrumentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                InstrumentVersion = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                AppointmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                SessionNumber = table.Column<int>(type: "INTEGER", nullable: true),
                CompletedAt = table.Column<long>(type: "INTEGER", nullable: false),
                RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                Source = table.Column<int>(type: "INTEGER", nullable: false),
                RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                Answers = table.Column<string>(type: "TEXT", nullable: false),
                Valid = table.Column<bool>(type: "INTEGER", nullable: false),
                Total = table.Column<double>(type: "REAL", nullable: true),
                Band = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                IsCase = table.Column<bool>(type: "INTEGER", nullable: true),
                Subscales = table.Column<string>(type: "TEXT", nullable: false),
                RiskEndorsed = table.Column<bool>(type: "INTEGER", nullable: false),
                IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
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
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                TherapistId = table.Column<Guid>(type: "TEXT", nullable: true),
                Kind = table.Column<int>(type: "INTEGER", nullable: false),
                Priority = table.Column<int>(type: "INTEGER", nullable: false),
                State = table.Column<int>(type: "INTEGER", nullable: false),
                ResponseId = table.Column<Guid>(type: "TEXT", nullable: true),
                InstrumentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                ActionTaken = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Resolution = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
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
