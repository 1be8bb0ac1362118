using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Sqlite;

/// <inheritdoc />
public partial class FormerTherapistReadOnly : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(
            name: "FormerTherapistReadOnlyDays",
            table: "Clinics",
            type: "INTEGER",
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
