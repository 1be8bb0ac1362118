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
using OnTrack.Web.Data;
using OnTrack.Web.Security;

namespace OnTrack.Browser.Tests;

/// <summary>
/// The real app on Kestrel (a real port on loopback) with the demo clinic on SQLite, and Debian's
/// Chromium driven by Playwright. Nothing downloads a browser.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Monday 2 March 2026, 08:00 in Phoenix.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 15, 0);

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("ontrack-browser-").FullName;
    private IPlaywright? _playwright;

    public FakeClock Clock { get; } = new(Start);

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public IPlaywright Playwright => _playwright!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
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

    public new async Task DisposeAsync()
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

    /// <summary>A phone-sized page (Pixel 7), as a client on the go would use.</summary>
    public async Task<IPage> PhoneAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions(Playwright.Devices["Pixel 7"]) { BaseURL = BaseUrl });
        return await context.NewPageAsync();
    }

    public async Task<IPage> DesktopAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string email, string password = DemoClinic.Password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), new() { Timeout = 60_000 });
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
        builder.UseSetting("OnTrack:Database:Provider", "Sqlite");
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

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
