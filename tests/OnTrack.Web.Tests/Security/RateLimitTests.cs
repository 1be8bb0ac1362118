using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using OnTrack.Web.Security;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Security;

/// <summary>With low limits (the settings a clinic could choose), repeated anonymous requests get 429 and a Retry-After.</summary>
public abstract class RateLimitTests(OnTrackApp app)
{
    /// <summary>The settings these tests run with; every test uses addresses of its own.</summary>
    public static void UseLowLimits(OnTrackApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Set($"{RateLimitOptions.Section}:SignInPerAddress:PermitLimit", "3");
        app.Set($"{RateLimitOptions.Section}:SignInPerAccount:PermitLimit", "4");
        app.Set($"{RateLimitOptions.Section}:AccountEmailsPerAddress:PermitLimit", "2");
        app.Set($"{RateLimitOptions.Section}:BookingPerAddress:PermitLimit", "2");
        app.Set($"{RateLimitOptions.Section}:AnonymousPerAddress:PermitLimit", "20");
        app.Set($"{ProxyOptions.Section}:Trusted:0", "10.0.0.0/8");
    }

    [Fact]
    public async Task SignInApi_OverTheAddressLimit_Answers429WithRetryAfter()
    {
        var client = app.Browser("203.0.113.60");
        for (var i = 0; i < 3; i++)
        {
            await client.LoginApiAsync($"someone{i}@example.test", "wrong-password", HttpStatusCode.Unauthorized);
        }

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "alex.morgan@example.test", password = "OnTrack-Demo-2026" });

        var problem = await response.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("Please wait", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // Another address is not affected.
        await app.Browser("203.0.113.61").LoginApiAsync("alex.morgan@example.test", "OnTrack-Demo-2026", HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignInPage_OverTheAddressLimit_AnswersAPlainPageWithRetryAfter()
    {
        var browser = app.Browser("203.0.113.62");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.LogInAsync($"someone{i}@example.test", "wrong-password")).StatusCode);
        }

        var response = await browser.LogInAsync("alex.morgan@example.test");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Please wait", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task SignIn_OverTheAccountLimit_FromManyAddresses_Answers429()
    {
        for (var i = 0; i < 4; i++)
        {
            await app.Browser($"203.0.113.{70 + i}").LoginApiAsync("jordan.lee@example.test", "wrong-password", HttpStatusCode.Unauthorized);
        }

        var response = await app.Browser("203.0.113.80").PostAsJsonAsync("/api/auth/login", new { email = "jordan.lee@example.test", password = "wrong-password" });

        await response.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task SignIn_FromABrowserThatSignedInBefore_IsNotHeldUpByTheAccountLimit()
    {
        var owner = app.Browser("198.51.100.90");
        Assert.Equal(HttpStatusCode.Found, (await owner.LogInAsync("casey.nguyen@example.test")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            await app.Browser($"203.0.113.{90 + i}").LoginApiAsync("casey.nguyen@example.test", "wrong-password", HttpStatusCode.Unauthorized);
        }

        await app.Browser("203.0.113.99").LoginApiAsync("casey.nguyen@example.test", "wrong-password", HttpStatusCode.TooManyRequests);

        Assert.Equal(HttpStatusCode.Found, (await owner.LogInAsync("casey.nguyen@example.test")).StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_OverTheAddressLimit_Answers429()
    {
        var browser = app.Browser("203.0.113.63");
        for (var i = 0; i < 2; i++)
        {
            await browser.PostFormAsync("/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = $"someone{i}@example.test" });
        }

        var response = await browser.PostFormAsync("/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = "someone@example.test" });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task AnonymousBooking_OverTheAddressLimit_Answers429()
    {
        var client = app.Browser("203.0.113.64");
        for (var i = 0; i < 2; i++)
        {
            await (await client.BookAsync(new { })).ProblemAsync(HttpStatusCode.BadRequest);
        }

        var response = await client.BookAsync(new { });

        await response.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task AnonymousRequests_OverTheAddressLimit_Answer429_SignedInOnesDoNot()
    {
        var client = app.Browser("203.0.113.65");
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/services")).StatusCode);
        }

        await (await client.GetAsync("/api/services")).ProblemAsync(HttpStatusCode.TooManyRequests);

        var alex = await app.SignInAsync("alex.morgan@example.test");
        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await alex.GetAsync("/api/services")).StatusCode);
        }
    }

    [Fact]
    public async Task Hsts_IsSent_ForARequestForwardedAsHttps_FromAConfiguredTrustedNetwork()
    {
        var context = await app.ForwardedHttpsAsync("10.1.2.3");

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.False(string.IsNullOrEmpty(context.Response.Headers.StrictTransportSecurity));
    }
}

public sealed class LowLimitsSqliteApp : SqliteApp
{
    public LowLimitsSqliteApp() => RateLimitTests.UseLowLimits(this);
}

public sealed class LowLimitsPostgresApp : PostgresApp
{
    public LowLimitsPostgresApp() => RateLimitTests.UseLowLimits(this);
}

public sealed class RateLimitTestsOnSqlite(LowLimitsSqliteApp app) : RateLimitTests(app), IClassFixture<LowLimitsSqliteApp>;

public sealed class RateLimitTestsOnPostgres(LowLimitsPostgresApp app) : RateLimitTests(app), IClassFixture<LowLimitsPostgresApp>;
