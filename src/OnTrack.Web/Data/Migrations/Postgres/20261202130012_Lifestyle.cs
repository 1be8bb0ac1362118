using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Postgres;

/// <inheritdoc />
public partial class Lifestyle : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "UnsubscribeUrl",
            table: "Outbox",
            type: "character varying(500)",
            maxLength: 500,
            nullable: true);

        migrationBuilder.CreateTable(
            name: "DailyCheckIns",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                Date = table.Column<LocalDate>(type: "date", nullable: false),
                Mood = table.Column<int>(type: "integer", nullable: true),
                SleepMinutes = table.Column<int>(type: "integer", nullable: true),
                SleepQuality = table.Column<int>(type: "integer", nullable: true),
                ActivityMinutes = table.Column<int>(type: "integer", nullable: true),
                Meals = table.Column<int>(type: "integer", nullable: true),
                EatingQuality = table.Column<int>(type: "integer", nullable: true),
                RelaxationMinutes = table.Column<int>(type: "integer", nullable: true),
                BreathingMinutes = table.Column<int>(type: "integer", nullable: false),
                Tags = table.Column<string>(type: "character varying(330)", maxLength: 330, nullable: false),
                Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                UpdatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DailyCheckIns", x => x.Id);
                table.CheckConstraint("CK_DailyCheckIns_EatingQuality", "\"EatingQuality\" IS NULL OR \"EatingQuality\" BETWEEN 1 AND 5");
                table.CheckConstraint("CK_DailyCheckIns_Minutes", "(\"SleepMinutes\" IS NULL OR \"SleepMinutes\" BETWEEN 0 AND 1440) AND (\"ActivityMinutes\" IS NULL OR \"ActivityMinutes\" BETWEEN 0 AND 1440) AND (\"RelaxationMinutes\" IS NULL OR \"RelaxationMinutes\" BETWEEN 0 AND 1440) AND \"BreathingMinutes\" BETWEEN 0 AND 1440");
                table.CheckConstraint("CK_DailyCheckIns_Mood", "\"Mood\" IS NULL OR \"Mood\" BETWEEN 1 AND 5");
                table.CheckConstraint("CK_DailyCheckIns_SleepQuality", "\"SleepQuality\" IS NULL OR \"SleepQuality\" BETWEEN 1 AND 5");
                table.ForeignKey(
                    name: "FK_DailyCheckIns_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "LifestyleSettings",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                RemindersOn = table.Column<bool>(type: "boolean", nullable: false),
                ReminderAt = table.Column<LocalTime>(type: "time", nullable: false),
                StopToken = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                LastReminderFor = table.Column<LocalDate>(type: "date", nullable: true),
                UpdatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LifestyleSettings", x => x.Id);
                table.ForeignKey(
                    name: "FK_LifestyleSettings_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "LifestyleSteps",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                Text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                Kind = table.Column<int>(type: "integer", nullable: false),
                Minutes = table.Column<int>(type: "integer", nullable: true),
                Time = table.Column<LocalTime>(type: "time", nullable: true),
                Days = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                TimesPerWeek = table.Column<int>(type: "integer", nullable: true),
                ReviewId = table.Column<Guid>(type: "uuid", nullable: true),
                StartsOn = table.Column<LocalDate>(type: "date", nullable: false),
                AgreedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                AgreedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                AgreedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                EndedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                EndedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LifestyleSteps", x => x.Id);
                table.ForeignKey(
                    name: "FK_LifestyleSteps_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SleepDiaries",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                Date = table.Column<LocalDate>(type: "date", nullable: false),
                BedTime = table.Column<LocalTime>(type: "time", nullable: false),
                TriedToSleepAt = table.Column<LocalTime>(type: "time", nullable: false),
                MinutesToFallAsleep = table.Column<int>(type: "integer", nullable: false),
                Awakenings = table.Column<int>(type: "integer", nullable: false),
                MinutesAwakeInNight = table.Column<int>(type: "integer", nullable: false),
                FinalWakeTime = table.Column<LocalTime>(type: "time", nullable: false),
                OutOfBedTime = table.Column<LocalTime>(type: "time", nullable: false),
                Quality = table.Column<int>(type: "integer", nullable: false),
                NapMinutes = table.Column<int>(type: "integer", nullable: true),
                TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                InBed = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                TriedToSleep = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                FinalWake = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                OutOfBed = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                TimeInBedMinutes = table.Column<int>(type: "integer", nullable: false),
                TotalSleepMinutes = table.Column<int>(type: "integer", nullable: false),
                SleepOnsetLatencyMinutes = table.Column<int>(type: "integer", nullable: false),
                WakeAfterSleepOnsetMinutes = table.Column<int>(type: "integer", nullable: false),
                SleepEfficiency = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false),
                CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                UpdatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SleepDiaries", x => x.Id);
                table.CheckConstraint("CK_SleepDiaries_Quality", "\"Quality\" BETWEEN 1 AND 5");
                table.ForeignKey(
                    name: "FK_SleepDiaries_Clients_ClientId",
                    column: x => x.ClientId,
                    principalTable: "Clients",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_DailyCheckIns_ClientId_Date",
            table: "DailyCheckIns",
            columns: new[] { "ClientId", "Date" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_DailyCheckIns_ClinicId",
            table: "DailyCheckIns",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_LifestyleSettings_ClientId",
            table: "LifestyleSettings",
            column: "ClientId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_LifestyleSettings_ClinicId",
            table: "LifestyleSettings",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_LifestyleSettings_StopToken",
            table: "LifestyleSettings",
            column: "StopToken");

        migrationBuilder.CreateIndex(
            name: "IX_LifestyleSteps_ClientId_AgreedAt",
            table: "LifestyleSteps",
            columns: new[] { "ClientId", "AgreedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_LifestyleSteps_ClinicId",
            table: "LifestyleSteps",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_SleepDiaries_ClientId_Date",
            table: "SleepDiaries",
            columns: new[] { "ClientId", "Date" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_SleepDiaries_ClinicId",
            table: "SleepDiaries",
            column: "ClinicId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "DailyCheckIns");

        migrationBuilder.DropTable(
            name: "LifestyleSettings");

        migrationBuilder.DropTable(
            name: "LifestyleSteps");

        migrationBuilder.DropTable(
            name: "SleepDiaries");

        migrationBuilder.DropColumn(
            name: "UnsubscribeUrl",
            table: "Outbox");
    }
}
