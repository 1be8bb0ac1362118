using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Postgres;

/// <inheritdoc />
public partial class ExpectedCourse : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "CourseRule",
            table: "Responses",
            type: "character varying(20)",
            maxLength: 20,
            nullable: true);

        migrationBuilder.AddColumn<int>(
            name: "CourseSession",
            table: "Responses",
            type: "integer",
            nullable: true);

        migrationBuilder.AddColumn<int>(
            name: "CourseStatus",
            table: "Responses",
            type: "integer",
            nullable: true);

        migrationBuilder.AddColumn<decimal>(
            name: "Intake",
            table: "Responses",
            type: "numeric",
            nullable: true);

        migrationBuilder.AddColumn<double>(
            name: "CourseAmberPercentile",
            table: "Clinics",
            type: "double precision",
            nullable: false,
            defaultValue: 0.0);

        migrationBuilder.AddColumn<int>(
            name: "CourseMinimumCourses",
            table: "Clinics",
            type: "integer",
            nullable: false,
            defaultValue: 0);

        migrationBuilder.AddColumn<int>(
            name: "CourseNoImprovementBySession",
            table: "Clinics",
            type: "integer",
            nullable: false,
            defaultValue: 0);

        migrationBuilder.AddColumn<double>(
            name: "CourseRedPercentile",
            table: "Clinics",
            type: "double precision",
            nullable: false,
            defaultValue: 0.0);

        migrationBuilder.CreateTable(
            name: "CourseModels",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                InstrumentId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                FittedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                Model = table.Column<string>(type: "text", nullable: false),
                CompletedCourses = table.Column<int>(type: "integer", nullable: false),
                Clients = table.Column<int>(type: "integer", nullable: false),
                Rows = table.Column<long>(type: "bigint", nullable: false),
                Accuracy = table.Column<string>(type: "text", nullable: true),
                FittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
