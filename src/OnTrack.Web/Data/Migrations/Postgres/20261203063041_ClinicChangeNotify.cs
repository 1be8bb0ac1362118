using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Postgres;

/// <summary>Every change to a clinic or its opening hours notifies the nodes' clinic caches when it commits (decision 018). PostgreSQL only: SQLite is one node.</summary>
public partial class ClinicChangeNotify : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in OnTrack.Web.Features.Clinics.ClinicChangeListener.PostgresUp)
        {
            migrationBuilder.Sql(sql);
        }
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in OnTrack.Web.Features.Clinics.ClinicChangeListener.PostgresDown)
        {
            migrationBuilder.Sql(sql);
        }
    }
}
