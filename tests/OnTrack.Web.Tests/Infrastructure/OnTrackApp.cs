using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Npgsql;
using OnTrack.Web.Data;
using OnTrack.Web.Security;

namespace OnTrack.Web.Tests.Infrastructure;

/// <summary>
/// The real app through its real HTTP pipeline on a real database of its own (a SQLite file, or a fresh
/// PostgreSQL database on the test server that test.sh starts), with the demo clinic seeded at a fixed
/// time. Only the clock is fake.
/// </summary>
public abstract class OnTrackApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Monday 2 March 2026, 08:00 in Phoenix (the demo clinic's zone).</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 15, 0);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly Dictionary<string, string?> _settings = [];

    protected OnTrackApp()
    {
        DataFolder = Directory.CreateTempSubdirectory("ontrack-test-").FullName;
    }

    public FakeClock Clock { get; } = new(Start);

    public string DataFolder { get; }

    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public string MailFolder => Path.Combine(DataFolder, "mail");

    /// <summary>Extra settings, e.g. SMTP delivery for one test class.</summary>
    public void Set(string key, string? value) => _settings[key] = value;

    public virtual Task InitializeAsync()
    {
        _ = Server; // start the app: migrate and seed
        return Task.CompletedTask;
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("OnTrack:Database:Provider", Provider.ToString());
        builder.UseSetting("OnTrack:Database:ConnectionString", ConnectionString);
        builder.UseSetting("OnTrack:Database:DataFolder", DataFolder);
        builder.UseSetting("OnTrack:Email:RunWorker", "false");
        builder.UseSetting("OnTrack:Measures:RunEscalationWorker", "false");
        builder.UseSetting("OnTrack:Course:RunRefitWorker", "false");
        builder.UseSetting("OnTrack:Email:PickupFolder", MailFolder);
        builder.UseSetting("OnTrack:SeedDemo", "true");
        LiftRateLimits(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
        });
    }

    /// <summary>The suite signs in and books many times from one address: lift the rate limits (RateLimitTests lowers them).</summary>
    public static void LiftRateLimits(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (name, _) in new RateLimitOptions().All())
        {
            builder.UseSetting($"{RateLimitOptions.Section}:{name}:PermitLimit", "1000000");
        }
    }

    /// <summary>A client signed in with a bearer token, as an integrator would be.</summary>
    public Task<HttpClient> SignInAsync(string email, string password = DemoClinic.Password) => SignInAsync(CreateClient(), email, password);

    /// <summary>Signs <paramref name="client"/> (of any node) in with a bearer token.</summary>
    public static async Task<HttpClient> SignInAsync(HttpClient client, string email, string password = DemoClinic.Password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Direct database access for arranging and asserting, as the system (no filters).</summary>
    public async Task<T> WithDbAsync<T>(Func<OnTrackDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        return await action(scope.ServiceProvider.GetRequiredService<OnTrackDbContext>());
    }
}

public class SqliteApp : OnTrackApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={Path.Combine(DataFolder, "ontrack.db")}";
}

public class PostgresApp : OnTrackApp
{
    private readonly string _database = $"ontrack_test_{Guid.NewGuid():N}";

    /// <summary>The test server's maintenance database, from which each fixture creates its own database.</summary>
    public static string ServerConnectionString => new NpgsqlConnectionStringBuilder(
        Environment.GetEnvironmentVariable("ONTRACK_TEST_POSTGRES")
        ?? throw new InvalidOperationException("ONTRACK_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a PostgreSQL server for them."))
    { Database = "postgres" }.ConnectionString;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ConnectionString;

    public override async Task InitializeAsync()
    {
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A second web node on the same database: no migrations, no seeding, its own clock and services.</summary>
public sealed class SecondNode(OnTrackApp first) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("OnTrack:Database:Provider", first.Provider.ToString());
        builder.UseSetting("OnTrack:Database:ConnectionString", first.ConnectionString);
        builder.UseSetting("OnTrack:Database:DataFolder", first.DataFolder);
        builder.UseSetting("OnTrack:Database:MigrateOnStart", "false");
        builder.UseSetting("OnTrack:Email:RunWorker", "false");
        builder.UseSetting("OnTrack:Measures:RunEscalationWorker", "false");
        builder.UseSetting("OnTrack:Course:RunRefitWorker", "false");
        builder.UseSetting("OnTrack:Email:PickupFolder", first.MailFolder);
        builder.UseSetting("OnTrack:SeedDemo", "false");
        OnTrackApp.LiftRateLimits(builder);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(first.Clock);
        });
    }
}
