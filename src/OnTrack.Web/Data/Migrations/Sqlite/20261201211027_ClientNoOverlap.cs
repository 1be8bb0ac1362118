using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnTrack.Web.Data.Migrations.Sqlite;

/// <summary>The database refuses one client in two overlapping sessions, as it does for therapists (see ProviderSql).</summary>
public partial class ClientNoOverlap : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in OnTrack.Web.Data.ProviderSql.Sqlite.ClientNoOverlapUp)
        {
            migrationBuilder.Sql(sql);
        }
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in OnTrack.Web.Data.ProviderSql.Sqlite.ClientNoOverlapDown)
        {
            migrationBuilder.Sql(sql);
        }
    }
}
