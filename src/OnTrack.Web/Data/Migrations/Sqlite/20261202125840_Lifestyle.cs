using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Sqlite;

/// <inheritdoc />
public partial class Lifestyle : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "UnsubscribeUrl",
            table: "Outbox",
            type: "TEXT",
            maxLength: 500,
            nullable: true);

        migrationBuilder.CreateTable(
            name: "DailyCheckIns",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                Date = table.Column<string>(type: "TEXT", nullable: false),
                Mood = table.Column<int>(type: "INTEGER", nullable: true),
                SleepMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                SleepQuality = table.Column<int>(type: "INTEGER", nullable: true),
                ActivityMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                Meals = table.Column<int>(type: "INTEGER", nullable: true),
                EatingQuality = table.Column<int>(type: "INTEGER", nullable: true),
                RelaxationMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                BreathingMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                Tags = table.Column<string>(type: "TEXT", maxLength: 330, nullable: false),
                Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                RemindersOn = table.Column<bool>(type: "INTEGER", nullable: false),
                ReminderAt = table.Column<long>(type: "INTEGER", nullable: false),
                StopToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                LastReminderFor = table.Column<string>(type: "TEXT", nullable: true),
                UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                Text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Kind = table.Column<int>(type: "INTEGER", nullable: false),
                Minutes = table.Column<int>(type: "INTEGER", nullable: true),
                Time = table.Column<long>(type: "INTEGER", nullable: true),
                Days = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                TimesPerWeek = table.Column<int>(type: "INTEGER", nullable: true),
                ReviewId = table.Column<Guid>(type: "TEXT", nullable: true),
                StartsOn = table.Column<string>(type: "TEXT", nullable: false),
                AgreedAt = table.Column<long>(type: "INTEGER", nullable: false),
                AgreedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                AgreedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                EndedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
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
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                Date = table.Column<string>(type: "TEXT", nullable: false),
                BedTime = table.Column<long>(type: "INTEGER", nullable: false),
                TriedToSleepAt = table.Column<long>(type: "INTEGER", nullable: false),
                MinutesToFallAsleep = table.Column<int>(type: "INTEGER", nullable: false),
                Awakenings = table.Column<int>(type: "INTEGER", nullable: false),
                MinutesAwakeInNight = table.Column<int>(type: "INTEGER", nullable: false),
                FinalWakeTime = table.Column<long>(type: "INTEGER", nullable: false),
                OutOfBedTime = table.Column<long>(type: "INTEGER", nullable: false),
                Quality = table.Column<int>(type: "INTEGER", nullable: false),
                NapMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                InBed = table.Column<long>(type: "INTEGER", nullable: false),
                TriedToSleep = table.Column<long>(type: "INTEGER", nullable: false),
                FinalWake = table.Column<long>(type: "INTEGER", nullable: false),
                OutOfBed = table.Column<long>(type: "INTEGER", nullable: false),
                TimeInBedMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                TotalSleepMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                SleepOnsetLatencyMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                WakeAfterSleepOnsetMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                SleepEfficiency = table.Column<double>(type: "REAL", precision: 5, scale: 1, nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
