using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Postgres;

/// <inheritdoc />
public partial class FormerTherapistReadOnly : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(
            name: "FormerTherapistReadOnlyDays",
            table: "Clinics",
            type: "integer",
            nullable: false,
            defaultValue: 0);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(
            name: "FormerTherapistReadOnlyDays",
            table: "Clinics");
    }
}
