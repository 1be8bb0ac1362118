using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Postgres;

/// <inheritdoc />
public partial class ScheduledJobs : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ScheduledJobs",
            columns: table => new
            {
                Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                NextRunAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                LastRunBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                LastRunAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ScheduledJobs", x => x.Name);
            });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(
            name: "ScheduledJobs");
    }
}
