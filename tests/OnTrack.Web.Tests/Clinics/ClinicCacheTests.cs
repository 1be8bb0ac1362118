using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Clinics;

/// <summary>The clinic settings each node keeps in memory: never older than the last committed change (decision 018).</summary>
public abstract class ClinicCacheTests(OnTrackApp app)
{
    [Fact]
    public async Task AChangeCommittedThroughTheApp_IsWhatTheNextRequestSees_SignedInOrNot()
    {
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var visitor = app.CreateClient();
        var before = await NameAsync(visitor);
        Assert.Equal(before, await NameAsync(admin)); // both now kept (by slug and by id)

        await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "Renamed by ExecuteUpdate")));
        Assert.Equal("Renamed by ExecuteUpdate", await NameAsync(visitor));
        Assert.Equal("Renamed by ExecuteUpdate", await NameAsync(admin));

        await app.WithDbAsync(async db =>
        {
            var clinic = await db.Clinics.Include(c => c.OpeningHours).SingleAsync(c => c.Slug == DemoClinic.Slug);
            clinic.Name = "Renamed by SaveChanges";
            clinic.OpeningHours.RemoveAt(0);
            return await db.SaveChangesAsync();
        });
        var seen = await visitor.GetFromJsonAsync<ClinicDto>("/api/clinic", OnTrackApp.Json);
        Assert.Equal("Renamed by SaveChanges", seen!.Name);
        var clinicId = await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).Select(c => c.Id).SingleAsync());
        Assert.Equal(await app.WithDbAsync(db => db.OpeningHours.CountAsync(o => o.ClinicId == clinicId)), seen.OpeningHours.Count);

        await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, before)));
        Assert.Equal(before, await NameAsync(admin));
    }

    [Fact]
    public async Task InsideATransaction_TheChangeIsForgottenOnlyWhenItCommits_SoAReadBeforeTheCommitIsNotKept()
    {
        var visitor = app.CreateClient();
        var before = await NameAsync(visitor);
        await RenameInATransactionAsync("Renamed in a transaction", commit: true, async () =>
        {
            // Not committed: others still read the old name; on SQLite the cache answers (the writer holds
            // the database), on PostgreSQL either the cache or the database does, and both say the old name.
            Assert.Equal(before, await NameAsync(visitor));
        });

        Assert.Equal("Renamed in a transaction", await NameAsync(visitor));
        await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, before)));
        Assert.Equal(before, await NameAsync(visitor));
    }

    [Fact]
    public async Task ARolledBackChange_LeavesTheSettingsAsTheyWere()
    {
        var visitor = app.CreateClient();
        var before = await NameAsync(visitor);
        await RenameInATransactionAsync("Never committed", commit: false, async () => Assert.Equal(before, await NameAsync(visitor)));
        Assert.Equal(before, await NameAsync(visitor));
    }

    private async Task RenameInATransactionAsync(string name, bool commit, Func<Task> beforeTheEnd)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Web.Security.Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, name));
        await beforeTheEnd();
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }
    }

    protected static async Task<string> NameAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<ClinicDto>("/api/clinic", OnTrackApp.Json))!.Name;
}

public sealed class ClinicCacheTestsOnSqlite(SqliteApp app) : ClinicCacheTests(app), IClassFixture<SqliteApp>;

public sealed class ClinicCacheTestsOnPostgres(PostgresApp app) : ClinicCacheTests(app), IClassFixture<PostgresApp>
{
    private readonly PostgresApp app = app;

    [Fact]
    public async Task AChangeOnOneNode_OrByHandInTheDatabase_ReachesTheOtherNodesCache()
    {
        await using var second = new SecondNode(app);
        var first = app.CreateClient();
        var other = second.CreateClient();
        var before = await NameAsync(other);
        await WaitUntilAsync(() => Task.FromResult(second.Services.GetRequiredService<ClinicCache>().Enabled), "the second node's listener listens");
        Assert.Equal(before, await NameAsync(other)); // kept now

        await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "Renamed on the first node")));
        Assert.Equal("Renamed on the first node", await NameAsync(first));
        await WaitUntilAsync(async () => await NameAsync(other) == "Renamed on the first node", "the second node sees the first node's change");

        // A change no node made (the CLI, a migration, an operator's SQL) reaches both through the trigger.
        await ExecuteAsync(app.ConnectionString, $"UPDATE \"Clinics\" SET \"Name\" = 'Renamed by hand' WHERE \"Slug\" = '{DemoClinic.Slug}'");
        await WaitUntilAsync(async () => await NameAsync(first) == "Renamed by hand" && await NameAsync(other) == "Renamed by hand", "both nodes see a change made by hand");

        await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, before)));
        await WaitUntilAsync(async () => await NameAsync(other) == before, "the second node sees the name restored");
    }

    [Fact]
    public async Task WhenTheListenerLosesItsConnection_ChangesMadeMeanwhileAreNotServedStale_AndTheCacheComesBack()
    {
        var cache = app.Services.GetRequiredService<ClinicCache>();
        var visitor = app.CreateClient();
        var before = await NameAsync(visitor);
        await WaitUntilAsync(() => Task.FromResult(cache.Enabled), "the listener listens");
        Assert.Equal(before, await NameAsync(visitor)); // kept

        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        await ExecuteAsync(PostgresApp.ServerConnectionString,
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND application_name = '{ClinicChangeListener.ApplicationName}'");
        await ExecuteAsync(app.ConnectionString, $"UPDATE \"Clinics\" SET \"Name\" = 'Renamed while nobody listened' WHERE \"Slug\" = '{DemoClinic.Slug}'");

        await WaitUntilAsync(async () => await NameAsync(visitor) == "Renamed while nobody listened", "the node reads the change its listener could not hear");
        await WaitUntilAsync(() => Task.FromResult(cache.Enabled), "the listener listens again");
        Assert.Equal("Renamed while nobody listened", await NameAsync(visitor));

        await ExecuteAsync(app.ConnectionString, $"UPDATE \"Clinics\" SET \"Name\" = '{before.Replace("'", "''", StringComparison.Ordinal)}' WHERE \"Slug\" = '{DemoClinic.Slug}'");
        await WaitUntilAsync(async () => await NameAsync(visitor) == before, "the reconnected listener hears the next change");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Notifications arrive asynchronously: waits for what must happen (not a speed check; 30 s is a generous bound).</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }
}

public sealed class ClinicCacheRules
{
    private static readonly Guid Id = Guid.NewGuid();

    [Fact]
    public async Task ALoadThatAChangeOvertook_IsUsedOnce_ButNotKept()
    {
        var cache = new ClinicCache(enabled: true);
        var loads = 0;
        var first = await cache.GetAsync(Id, _ =>
        {
            loads++;
            cache.Forget(); // a change commits while this load is under way
            return Task.FromResult<Clinic?>(new Clinic { Id = Id, Slug = "x", Name = "old" });
        }, CancellationToken.None);
        Assert.Equal("old", first!.Name);

        var second = await cache.GetAsync(Id, _ => { loads++; return Task.FromResult<Clinic?>(new Clinic { Id = Id, Slug = "x", Name = "new" }); }, CancellationToken.None);
        Assert.Equal(("new", 2), (second!.Name, loads));
        var third = await cache.GetAsync("x", _ => { loads++; return Task.FromResult<Clinic?>(null); }, CancellationToken.None);
        Assert.Equal(("new", 2), (third!.Name, loads)); // kept now, by id and by slug
    }

    [Fact]
    public async Task EachCallerGetsItsOwnCopy_AndADisabledCacheAlwaysLoads()
    {
        var cache = new ClinicCache(enabled: true);
        Task<Clinic?> Load(CancellationToken _) => Task.FromResult<Clinic?>(new Clinic { Id = Id, Slug = "x", Name = "kept", OpeningHours = [new() { ClinicId = Id }] });
        var mine = await cache.GetAsync(Id, Load, CancellationToken.None);
        mine!.Name = "changed by one request";
        mine.OpeningHours.Clear();
        var theirs = await cache.GetAsync(Id, _ => throw new InvalidOperationException("should be kept"), CancellationToken.None);
        Assert.Equal(("kept", 1), (theirs!.Name, theirs.OpeningHours.Count));

        cache.Disable();
        var loads = 0;
        for (var i = 0; i < 3; i++)
        {
            await cache.GetAsync(Id, ct => { loads++; return Load(ct); }, CancellationToken.None);
        }

        Assert.Equal(3, loads);
    }
}
