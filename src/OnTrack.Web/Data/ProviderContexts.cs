using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Text;
using OnTrack.Web.Security;

namespace OnTrack.Web.Data;

/// <summary>
/// The SQLite flavour of the model: NodaTime values stored as sortable integers and text. Not sealed so
/// that a test can add a throwaway client record to the model and show the compartment covers it.
/// </summary>
public class SqliteOnTrackDbContext(DbContextOptions<SqliteOnTrackDbContext> options, Caller caller, IClock clock, ReadAudit reads)
    : OnTrackDbContext(options, caller, clock, reads)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<Instant>().HaveConversion<InstantAsTicks>();
        configurationBuilder.Properties<LocalTime>().HaveConversion<LocalTimeAsTicks>();
        configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateAsIsoText>();

        // SQLite keeps decimals as text, which it cannot compare or sort; scores have at most two
        // decimal places, which a double holds exactly enough to round-trip.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }

    private sealed class InstantAsTicks() : ValueConverter<Instant, long>(i => i.ToUnixTimeTicks(), t => Instant.FromUnixTimeTicks(t));

    private sealed class LocalTimeAsTicks() : ValueConverter<LocalTime, long>(t => t.TickOfDay, t => LocalTime.FromTicksSinceMidnight(t));

    private sealed class LocalDateAsIsoText() : ValueConverter<LocalDate, string>(d => LocalDatePattern.Iso.Format(d), s => LocalDatePattern.Iso.Parse(s).Value);
}

/// <summary>The PostgreSQL flavour: NodaTime types map natively (timestamptz, time, date).</summary>
public sealed class PostgresOnTrackDbContext(DbContextOptions<PostgresOnTrackDbContext> options, Caller caller, IClock clock, ReadAudit reads)
    : OnTrackDbContext(options, caller, clock, reads);

/// <summary>What the design-time factories share with the running app: the Identity schema version.</summary>
internal static class DesignTime
{
    public static IServiceProvider Services { get; } = new ServiceCollection()
        .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = Microsoft.AspNetCore.Identity.IdentitySchemaVersions.Version3)
        .BuildServiceProvider();
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOnTrackDbContext>
{
    public SqliteOnTrackDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOnTrackDbContext>().UseSqlite("Data Source=design.db").UseApplicationServiceProvider(DesignTime.Services).Options, new Caller(), SystemClock.Instance, new ReadAudit(new Caller(), SystemClock.Instance));
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresOnTrackDbContext>
{
    public PostgresOnTrackDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresOnTrackDbContext>().UseNpgsql("Host=localhost", o => o.UseNodaTime()).UseApplicationServiceProvider(DesignTime.Services).Options, new Caller(), SystemClock.Instance, new ReadAudit(new Caller(), SystemClock.Instance));
}
