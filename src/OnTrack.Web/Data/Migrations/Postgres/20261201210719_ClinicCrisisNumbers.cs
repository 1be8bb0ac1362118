using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Postgres;

/// <inheritdoc />
public partial class ClinicCrisisNumbers : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "CrisisCallNumber",
            table: "Clinics",
            type: "character varying(32)",
            maxLength: 32,
            nullable: false,
            defaultValue: "");

        migrationBuilder.AddColumn<string>(
            name: "CrisisLineName",
            table: "Clinics",
            type: "character varying(200)",
            maxLength: 200,
            nullable: false,
            defaultValue: "");

        migrationBuilder.AddColumn<string>(
            name: "CrisisTextNumber",
            table: "Clinics",
            type: "character varying(32)",
            maxLength: 32,
            nullable: false,
            defaultValue: "");

        migrationBuilder.AddColumn<string>(
            name: "EmergencyNumber",
            table: "Clinics",
            type: "character varying(32)",
            maxLength: 32,
            nullable: false,
            defaultValue: "");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(
            name: "CrisisCallNumber",
            table: "Clinics");

        migrationBuilder.DropColumn(
            name: "CrisisLineName",
            table: "Clinics");

        migrationBuilder.DropColumn(
            name: "CrisisTextNumber",
            table: "Clinics");

        migrationBuilder.DropColumn(
            name: "EmergencyNumber",
            table: "Clinics");
    }
}
