using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Sqlite;

/// <inheritdoc />
public partial class ExpectedCourse : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "CourseRule",
            table: "Responses",
            type: "TEXT",
            maxLength: 20,
            nullable: true);

        migrationBuilder.AddColumn<int>(
            name: "CourseSession",
            table: "Responses",
            type: "INTEGER",
            nullable: true);

        migrationBuilder.AddColumn<int>(
            name: "CourseStatus",
            table: "Responses",
            type: "INTEGER",
            nullable: true);

        migrationBuilder.AddColumn<double>(
            name: "Intake",
            table: "Responses",
            type: "REAL",
            nullable: true);

        migrationBuilder.AddColumn<double>(
            name: "CourseAmberPercentile",
            table: "Clinics",
            type: "REAL",
            nullable: false,
            defaultValue: 0.0);

        migrationBuilder.AddColumn<int>(
            name: "CourseMinimumCourses",
            table: "Clinics",
            type: "INTEGER",
            nullable: false,
            defaultValue: 0);

        migrationBuilder.AddColumn<int>(
            name: "CourseNoImprovementBySession",
            table: "Clinics",
            type: "INTEGER",
            nullable: false,
            defaultValue: 0);

        migrationBuilder.AddColumn<double>(
            name: "CourseRedPercentile",
            table: "Clinics",
            type: "REAL",
            nullable: false,
            defaultValue: 0.0);

        migrationBuilder.CreateTable(
            name: "CourseModels",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "TEXT", nullable: false),
                ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                InstrumentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                FittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                Model = table.Column<string>(type: "TEXT", nullable: false),
                CompletedCourses = table.Column<int>(type: "INTEGER", nullable: false),
                Clients = table.Column<int>(type: "INTEGER", nullable: false),
                Rows = table.Column<long>(type: "INTEGER", nullable: false),
                Accuracy = table.Column<string>(type: "TEXT", nullable: true),
                FittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CourseModels", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_Responses_InstrumentId_ClientId_CourseSession",
            table: "Responses",
            columns: new[] { "InstrumentId", "ClientId", "CourseSession" });

        migrationBuilder.CreateIndex(
            name: "IX_CourseModels_ClinicId",
            table: "CourseModels",
            column: "ClinicId");

        migrationBuilder.CreateIndex(
            name: "IX_CourseModels_ClinicId_InstrumentId_FittedAt",
            table: "CourseModels",
            columns: new[] { "ClinicId", "InstrumentId", "FittedAt" });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "CourseModels");

        migrationBuilder.DropIndex(
            name: "IX_Responses_InstrumentId_ClientId_CourseSession",
            table: "Responses");

        migrationBuilder.DropColumn(
            name: "CourseRule",
            table: "Responses");

        migrationBuilder.DropColumn(
            name: "CourseSession",
            table: "Responses");

        migrationBuilder.DropColumn(
            name: "CourseStatus",
            table: "Responses");

        migrationBuilder.DropColumn(
            name: "Intake",
            table: "Responses");

        migrationBuilder.DropColumn(
            name: "CourseAmberPercentile",
            table: "Clinics");

        migrationBuilder.DropColumn(
            name: "CourseMinimumCourses",
            table: "Clinics");

        migrationBuilder.DropColumn(
            name: "CourseNoImprovementBySession",
            table: "Clinics");

        migrationBuilder.DropColumn(
            name: "CourseRedPercentile",
            table: "Clinics");
    }
}
