using Microsoft.Extensions.Options;
using Npgsql;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Clinics;

/// <summary>
/// On PostgreSQL, listens on the channel the clinics' trigger notifies (<see cref="Channel"/>) on a
/// connection of its own and forgets the node's <see cref="ClinicCache"/> on every notification, which
/// PostgreSQL delivers only once the changing transaction has committed. The cache answers only while
/// this listens: it is enabled once LISTEN has succeeded (empty, since changes may have been missed before)
/// and disabled the moment the connection fails, until a new one listens.
/// </summary>
public sealed class ClinicChangeListener(ClinicCache cache, IOptions<DatabaseOptions> database, ILogger<ClinicChangeListener> logger) : BackgroundService
{
    /// <summary>The channel named in the migration's trigger function.</summary>
    public const string Channel = "ontrack_clinics";

    /// <summary>How the listener's connection shows in pg_stat_activity.</summary>
    public const string ApplicationName = "OnTrack clinic-change listener";

    /// <summary>The migration's trigger: one notification per changing statement, delivered when its transaction commits.</summary>
    public static readonly string[] PostgresUp =
    [
        $"""
        CREATE FUNCTION ontrack_clinics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{Channel}', TG_TABLE_NAME);
            RETURN NULL;
        END $$;
        """,
        """CREATE TRIGGER "Clinics_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Clinics" FOR EACH STATEMENT EXECUTE FUNCTION ontrack_clinics_changed();""",
        """CREATE TRIGGER "OpeningHours_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "OpeningHours" FOR EACH STATEMENT EXECUTE FUNCTION ontrack_clinics_changed();""",
    ];

    public static readonly string[] PostgresDown =
    [
        """DROP TRIGGER "OpeningHours_notify" ON "OpeningHours";""",
        """DROP TRIGGER "Clinics_notify" ON "Clinics";""",
        "DROP FUNCTION ontrack_clinics_changed();",
    ];

    private static readonly TimeSpan Ping = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.Value.ConnectionString) { Pooling = false, KeepAlive = 15, ApplicationName = ApplicationName };
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, _) => cache.Forget();
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                cache.Enable();
                delay = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(Ping, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken); // a silent connection may be a dead one
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
            {
                logger.LogWarning(e, "Lost the clinic-change listener; clinic settings are read from the database until it listens again (retry in {Delay}).", delay);
            }
            finally
            {
                cache.Disable();
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
        }
    }
}
