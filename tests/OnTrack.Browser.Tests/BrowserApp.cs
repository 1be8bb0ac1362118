using System.Collections.Concurrent;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using NodaTime;
using NodaTime.Testing;
using Npgsql;
using OnTrack.Web.Data;
using OnTrack.Web.Security;

// One database at a time: the tests wait on real page loads, and two apps with two browsers would share two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace OnTrack.Browser.Tests;

/// <summary>
/// The real app on Kestrel (a real port on loopback) with the demo clinic on SQLite or PostgreSQL, and
/// Debian's Chromium driven by Playwright. Nothing downloads a browser. Every page a test loads is
/// checked with axe-core; a serious or critical violation fails the test.
/// </summary>
public abstract class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Monday 2 March 2026, 08:00 in Phoenix.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 15, 0);

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("ontrack-browser-").FullName;
    private readonly ConcurrentQueue<Task> _checks = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private IPlaywright? _playwright;

    public abstract string Provider { get; }

    protected virtual string? ConnectionString => null;

    protected string DataFolder => _dataFolder;

    public FakeClock Clock { get; } = new(Start);

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public IPlaywright Playwright => _playwright!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public virtual async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "localhost", StringComparison.Ordinal).TrimEnd('/');
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public new virtual async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // Both kinds of page prefer reduced motion: Bootstrap then drops its colour transitions, so axe never
    // measures a button half-way between two colours while the test clicks it.

    /// <summary>A phone-sized page (Pixel 7), as a client on the go would use.</summary>
    public async Task<IPage> PhoneAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions(Playwright.Devices["Pixel 7"]) { BaseURL = BaseUrl, ReducedMotion = ReducedMotion.Reduce });
        return Checked(await context.NewPageAsync());
    }

    public async Task<IPage> DesktopAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, ReducedMotion = ReducedMotion.Reduce });
        return Checked(await context.NewPageAsync());
    }

    /// <summary>Starts a test: forgets the accessibility findings of the one before.</summary>
    public void BeginTest()
    {
        _checks.Clear();
        _violations.Clear();
    }

    /// <summary>Waits for the accessibility checks of the pages the test loaded; fails on any serious or critical violation.</summary>
    public async Task EndTestAsync()
    {
        while (_checks.TryDequeue(out var check))
        {
            await check;
        }

        Assert.True(_violations.IsEmpty, "axe-core found serious or critical accessibility violations:\n" + string.Join("\n", _violations.Distinct()));
    }

    /// <summary>Checks a page with axe-core now (for a state reached without a page load, e.g. an opened menu).</summary>
    public async Task CheckAccessibilityAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await RunAxeAsync(page);
    }

    /// <summary>Every page load is checked with axe-core as soon as it has loaded.</summary>
    private IPage Checked(IPage page)
    {
        page.Load += (_, loaded) => _checks.Enqueue(RunAxeAsync(loaded));

        // A script or style the page's own Content-Security-Policy blocks (an inline style="…", say) is
        // a console error: it fails the test like an accessibility violation.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _violations.Enqueue($"{page.Url} [{Provider}]: console error: {message.Text}");
            }
        };
        return page;
    }

    private async Task RunAxeAsync(IPage page)
    {
        var url = page.Url;
        try
        {
            var result = await page.RunAxe();
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            {
                _violations.Enqueue($"{url} [{Provider}]: {violation.Impact} {violation.Id} — {violation.Help}: {string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html))}");
            }
        }
        catch (PlaywrightException)
        {
            // The test navigated on (or closed the page) before the check finished: that page is gone, and
            // the page it went to is checked on its own load.
        }
    }

    public static async Task SignInAsync(IPage page, string email, string password = DemoClinic.Password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await WaitForUrlAsync(page, url => !url.Contains("/Account/Login", StringComparison.Ordinal), $"signing in as {email}");
    }

    /// <summary>
    /// Waits until the page has moved to a matching address. It waits for the new page's first bytes, not its
    /// "load" event: Chromium has been seen (once in CI) not to report "load" for a page that had fully
    /// arrived, which hung a test for a minute. Whatever the test does next waits for its own elements.
    /// </summary>
    public static async Task WaitForUrlAsync(IPage page, Func<string, bool> matches, string doing)
    {
        ArgumentNullException.ThrowIfNull(page);
        try
        {
            await page.WaitForURLAsync(matches, new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        }
        catch (TimeoutException e)
        {
            var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException($"While {doing}, the page stayed at {page.Url}, showing: {text}", e);
        }
    }

    public async Task<T> WithDbAsync<T>(Func<OnTrackDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        return await action(scope.ServiceProvider.GetRequiredService<OnTrackDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("OnTrack:Database:Provider", Provider);
        if (ConnectionString is not null)
        {
            builder.UseSetting("OnTrack:Database:ConnectionString", ConnectionString);
        }

        builder.UseSetting("OnTrack:Database:DataFolder", _dataFolder);
        builder.UseSetting("OnTrack:Email:RunWorker", "false");
        builder.UseSetting("OnTrack:SeedDemo", "true");

        // The suite signs in many times from one address: lift the rate limits (RateLimitTests lowers them).
        foreach (var (name, _) in new RateLimitOptions().All())
        {
            builder.UseSetting($"{RateLimitOptions.Section}:{name}:PermitLimit", "1000000");
        }

        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<NodaTime.IClock>();
            services.AddSingleton<NodaTime.IClock>(Clock);
        });
    }
}

public sealed class SqliteBrowserApp : BrowserApp
{
    public override string Provider => "Sqlite";
}

/// <summary>
/// The same on a fresh PostgreSQL database: its asynchronous I/O lets a page render while its data is
/// still loading, which SQLite's synchronous queries hide.
/// </summary>
public sealed class PostgresBrowserApp : BrowserApp
{
    private readonly string _database = $"ontrack_browser_{Guid.NewGuid():N}";

    public override string Provider => "Postgres";

    private static string ServerConnectionString => new NpgsqlConnectionStringBuilder(
        Environment.GetEnvironmentVariable("ONTRACK_TEST_POSTGRES")
        ?? throw new InvalidOperationException("ONTRACK_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a PostgreSQL server for them."))
    { Database = "postgres" }.ConnectionString;

    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ConnectionString;

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

[CollectionDefinition(Name)]
public sealed class SqliteBrowserCollection : ICollectionFixture<SqliteBrowserApp>
{
    public const string Name = "browser on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresBrowserCollection : ICollectionFixture<PostgresBrowserApp>
{
    public const string Name = "browser on PostgreSQL";
}

/// <summary>A browser test: the axe-core findings of the pages it loaded are checked when it ends.</summary>
public abstract class BrowserTest(BrowserApp app) : IAsyncLifetime
{
    protected BrowserApp App => app;

    /// <summary>Where a screenshot goes, named by the database so both runs are kept.</summary>
    protected string Shot(string name) => Path.Combine(BrowserApp.ScreenshotFolder, $"{app.Provider.ToLowerInvariant()}-{name}");

    public Task InitializeAsync()
    {
        app.BeginTest();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => app.EndTestAsync();
}
