using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnTrack.Web.Features.Clinics;

namespace OnTrack.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Settings under "OnTrack:Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "OnTrack:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite, defaults to a file in <see cref="DataFolder"/>. Required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the embedded database (and, by default, the mail pickup folder) live.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    /// <summary>Apply pending migrations at start-up.</summary>
    public bool MigrateOnStart { get; set; } = true;
}

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail("OnTrack:Database:ConnectionString is required when OnTrack:Database:Provider is Postgres.")
            : ValidateOptionsResult.Success;
}

public static class DataSetup
{

    public static IServiceCollection AddOnTrackData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        // Registered first so that it has migrated the database before any other hosted service starts.
        services.AddHostedService<StartupTasks>();

        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<PostgresOnTrackDbContext>((sp, o) => o.UseNpgsql(ForTheApp(options.ConnectionString!), n => n.UseNodaTime())
                .AddInterceptors(sp.GetRequiredService<ClinicCacheInvalidation>()));
            services.AddScoped<OnTrackDbContext>(sp => sp.GetRequiredService<PostgresOnTrackDbContext>());
        }
        else
        {
            var connectionString = options.ConnectionString;
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var folder = Path.GetFullPath(options.DataFolder, contentRoot);
                Directory.CreateDirectory(folder);
                connectionString = $"Data Source={Path.Combine(folder, "ontrack.db")}";
            }

            services.AddDbContext<SqliteOnTrackDbContext>((sp, o) => o.UseSqlite(connectionString, s => s.CommandTimeout(60))
                .AddInterceptors(sp.GetRequiredService<ClinicCacheInvalidation>()));
            services.AddScoped<OnTrackDbContext>(sp => sp.GetRequiredService<SqliteOnTrackDbContext>());
        }

        // Clinic settings are kept in memory; every committed change forgets them, here and (PostgreSQL's
        // NOTIFY) on every other node; off on PostgreSQL until the listener listens (decision 018).
        services.AddSingleton(new ClinicCache(enabled: options.Provider != DatabaseProvider.Postgres));
        services.AddSingleton<ClinicCacheInvalidation>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddHostedService<ClinicChangeListener>();
        }

        services.AddScoped<ReadAudit>();
        services.AddScoped<UnitOfWork>();

        // Periodic jobs take their turns through the database, so one node runs each turn.
        services.AddSingleton<Features.Jobs.JobSchedule>();

        // Every node signs cookies and tokens with the same keys, kept in the database, so a client
        // signed in on one node is signed in on all of them.
        services.AddDataProtection().SetApplicationName("OnTrack").PersistKeysToDbContext<OnTrackDbContext>();
        return services;
    }

    /// <summary>
    /// The app's PostgreSQL connections, tuned for many short statements (bench/README.md, measured side by
    /// side): JIT off — the caller filters' OR-EXISTS shapes inflate the estimates of small reads past
    /// JIT's threshold (a therapist's client list cost 246 ms, 191 ms of them compiling, 28 ms without);
    /// statements used twice are prepared on each connection (`Max Auto Prepare`), so PostgreSQL parses
    /// and analyses them once; and a connection returned to the pool is not reset with DISCARD ALL, which
    /// would throw those prepared statements away (eight resets per form submission). No code sets
    /// session state — `SET LOCAL` only, which ends with its transaction — so there is nothing to reset.
    /// Each setting applies only where the connection string leaves it at Npgsql's default.
    /// </summary>
    internal static string ForTheApp(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = "-c jit=off";
        }

        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>Applies migrations; on SQLite also switches on write-ahead logging so readers never wait for writers.</summary>
    public static async Task MigrateAsync(OnTrackDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
