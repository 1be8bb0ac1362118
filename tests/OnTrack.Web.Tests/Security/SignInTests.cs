using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnTrack.Web.Data;
using OnTrack.Web.Security;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Security;

/// <summary>Signing in, and the ways back in when it does not work, as a client or staff member meets them.</summary>
public abstract class SignInTests(OnTrackApp app)
{
    private const string NewPassword = "Test-password-2026";

    [Fact]
    public async Task NewClient_SigningInBeforeConfirming_IsToldSo_AndTheFreshLinkLeadsBackToWhereTheyWereGoing()
    {
        var email = await app.BookAsNewClientAsync("Quinn Unconfirmed", "2026-03-11T09:00");
        var browser = app.Browser("198.51.100.21");

        var refused = await browser.LogInAsync(email, NewPassword, returnUrl: "/my/forms?start=1");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Your email address is not confirmed yet", page, StringComparison.Ordinal);
        Assert.Contains("sent a new confirmation link", page, StringComparison.Ordinal);
        Assert.Equal(1, await app.EmailsToAsync(email, "Confirm your email"));

        var link = await app.LinkInEmailAsync(email, "returnUrl=%2Fmy%2Fforms");
        var confirmed = await browser.GetStringAsync(link.PathAndQuery);
        Assert.Contains("Thank you for confirming your email", confirmed, StringComparison.Ordinal);
        Assert.Contains("Account/Login?ReturnUrl=%2Fmy%2Fforms%3Fstart%3D1", confirmed, StringComparison.Ordinal);

        var signedIn = await browser.LogInAsync(email, NewPassword, returnUrl: "/my/forms?start=1");
        Assert.Equal("/my/forms?start=1", RedirectPath(signedIn));
    }

    [Fact]
    public async Task NewClient_WithAWrongPassword_IsNotToldAboutConfirming_AndNothingIsSent()
    {
        var email = await app.BookAsNewClientAsync("Rowan Unconfirmed", "2026-03-11T10:00");
        var browser = app.Browser("198.51.100.22");

        var page = await (await browser.LogInAsync(email, "Not-the-password-1")).Content.ReadAsStringAsync();

        Assert.Contains("Wrong email or password", page, StringComparison.Ordinal);
        Assert.DoesNotContain("not confirmed", page, StringComparison.Ordinal);
        Assert.Equal(0, await app.EmailsToAsync(email, "Confirm your email"));

        // The API says the same, and with the right password says what to do.
        await browser.LoginApiAsync(email, "Not-the-password-1", HttpStatusCode.Unauthorized);
        var problem = await browser.LoginApiAsync(email, NewPassword, HttpStatusCode.Forbidden);
        Assert.Contains("confirmation link", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewClient_ForgotPasswordBeforeConfirming_GetsALinkThatLetsThemIn()
    {
        var email = await app.BookAsNewClientAsync("Sky Forgetful", "2026-03-11T11:00");
        var browser = app.Browser("198.51.100.23");

        var asked = await browser.PostFormAsync("/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = email });
        var unknown = await browser.PostFormAsync("/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = "nobody.here@example.test" });

        Assert.Equal("/Account/ForgotPasswordConfirmation", RedirectPath(asked));
        Assert.Equal(RedirectPath(asked), RedirectPath(unknown));
        Assert.Equal(0, await app.EmailsToAsync("nobody.here@example.test", "Reset your password"));
        var link = await app.LinkInEmailAsync(email, "/Account/ResetPassword");
        var reset = await browser.PostFormAsync(link.PathAndQuery, "reset-password",
            new() { ["Input.Email"] = email, ["Input.Password"] = "Brand-new-password-1", ["Input.ConfirmPassword"] = "Brand-new-password-1" });
        Assert.Equal("/Account/ResetPasswordConfirmation", RedirectPath(reset));

        var signedIn = await browser.LogInAsync(email, "Brand-new-password-1");
        Assert.Equal(Landing.Client, RedirectPath(signedIn));
    }

    [Theory]
    [InlineData("alex.morgan@example.test", Landing.Client)]
    [InlineData("maya.chen@demo.ontrack.test", Landing.Staff)]
    [InlineData(DemoClinic.AdminEmail, Landing.Admin)]
    public async Task SignIn_WithoutAReturnUrl_LandsOnTheirOwnStartPage(string email, string expected)
    {
        var response = await app.Browser("198.51.100.30").LogInAsync(email);

        Assert.Equal(expected, RedirectPath(response));
        var landed = await app.Browser().GetAsync(expected);
        Assert.NotEqual(HttpStatusCode.InternalServerError, landed.StatusCode);
    }

    [Theory]
    [InlineData("/my/progress", "/my/progress")]
    [InlineData("https://evil.example/", Landing.Client)]
    [InlineData("//evil.example/x", Landing.Client)]
    public async Task SignIn_WithAReturnUrl_GoesThereOnlyWhenItIsLocal(string returnUrl, string expected)
    {
        var response = await app.Browser("198.51.100.31").LogInAsync("alex.morgan@example.test", returnUrl: returnUrl);

        Assert.Equal(expected, RedirectPath(response));
    }

    [Fact]
    public async Task WrongPasswordsFromOneAddress_DoNotLockTheOwnerOutFromAnother()
    {
        var attacker = app.Browser("203.0.113.50");
        for (var i = 0; i < 5; i++)
        {
            await attacker.LoginApiAsync(DemoClinic.AdminEmail, "wrong-password", i < 4 ? HttpStatusCode.Unauthorized : HttpStatusCode.Locked);
        }

        await attacker.LoginApiAsync(DemoClinic.AdminEmail, DemoClinic.Password, HttpStatusCode.Locked);
        await app.Browser("198.51.100.40").LoginApiAsync(DemoClinic.AdminEmail, DemoClinic.Password, HttpStatusCode.OK);
    }

    [Fact]
    public async Task LockedOut_ThePageSaysForHowLongAndWhatToDo()
    {
        var browser = app.Browser("203.0.113.51");
        HttpResponseMessage last = default!;
        for (var i = 0; i < 5; i++)
        {
            last = await browser.LogInAsync("taylor.brooks@example.test", "wrong-password");
        }

        Assert.Equal("/Account/Lockout?minutes=15", RedirectPath(last));
        var page = await browser.GetStringAsync("/Account/Lockout?minutes=15");
        Assert.Contains("paused for 15 minutes", page, StringComparison.Ordinal);
        Assert.Contains("Account/ForgotPassword", page, StringComparison.Ordinal);
        Assert.Contains("Call the clinic", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownEmail_IsAnsweredExactlyLikeAWrongPassword_LockoutIncluded()
    {
        var known = app.Browser("203.0.113.52");
        var unknown = app.Browser("203.0.113.53");
        for (var i = 0; i < 6; i++)
        {
            var status = i < 4 ? HttpStatusCode.Unauthorized : HttpStatusCode.Locked;
            var a = await known.LoginApiAsync("jordan.lee@example.test", "wrong-password", status);
            var b = await unknown.LoginApiAsync("no.such.person@example.test", "wrong-password", status);
            Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task UnknownEmail_TakesAboutAsLongAsAWrongPassword()
    {
        var client = app.Browser("203.0.113.54");
        async Task<double> MedianAsync(string email)
        {
            var times = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var watch = Stopwatch.StartNew();
                await client.LoginApiAsync(email, "wrong-password", HttpStatusCode.Unauthorized);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            return times.Order().ElementAt(1);
        }

        await client.LoginApiAsync("warm.up@example.test", "wrong-password", HttpStatusCode.Unauthorized);
        var knownMs = await MedianAsync("priya.patel@example.test");
        var unknownMs = await MedianAsync("nobody.at.all@example.test");

        // Both compute a password hash (tens of milliseconds); a lookup alone takes a few.
        Assert.True(unknownMs > knownMs * 0.4, $"unknown email {unknownMs:F0} ms, wrong password {knownMs:F0} ms");
    }

    [Fact]
    public async Task RecoveryCodesAndTurningOffTwoFactor_WithoutTwoFactor_ExplainInsteadOfFailing()
    {
        var browser = app.Browser("198.51.100.41");
        await browser.LogInAsync("sam.rivera@example.test");

        foreach (var page in new[] { "/Account/Manage/GenerateRecoveryCodes", "/Account/Manage/Disable2fa" })
        {
            var response = await browser.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("Two-factor sign-in is not turned on for your account", body, StringComparison.Ordinal);
            Assert.Contains("Account/Manage/EnableAuthenticator", body, StringComparison.Ordinal);
        }

        var count = await WithUsersAsync(async users => await users.CountRecoveryCodesAsync((await users.FindByEmailAsync("sam.rivera@example.test"))!));
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task PasswordReset_EndsEverySignIn_BearerTokensIncluded()
    {
        var client = await app.SignInAsync("priya.patel@example.test");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/appointments")).StatusCode);

        await WithUsersAsync(async users =>
        {
            var user = (await users.FindByEmailAsync("priya.patel@example.test"))!;
            return (await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), DemoClinic.Password)).Succeeded;
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/appointments")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("priya.patel@example.test")).GetAsync("/api/appointments")).StatusCode);
    }

    [Fact]
    public async Task ClinicTurningOnStaffTwoFactor_StopsStaffWhoAreAlreadySignedIn()
    {
        var samuel = await app.SignInAsync("samuel.okafor@demo.ontrack.test");
        Assert.Equal(HttpStatusCode.OK, (await samuel.GetAsync("/api/appointments")).StatusCode);
        await SetStaffTwoFactorRuleAsync(true);
        try
        {
            await (await samuel.GetAsync("/api/appointments")).ProblemAsync(HttpStatusCode.Forbidden);
        }
        finally
        {
            await SetStaffTwoFactorRuleAsync(false);
        }
    }

    [Fact]
    public async Task AuthenticatorCode_IsAcceptedOnlyOnce()
    {
        const string email = "elena.ruiz@demo.ontrack.test";
        var before = await app.SignInAsync(email);
        var key = await WithUsersAsync(async users =>
        {
            var user = (await users.FindByEmailAsync(email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return (await users.GetAuthenticatorKeyAsync(user))!;
        });

        // Turning two-factor on ends the sign-in made without it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/appointments")).StatusCode);

        var client = app.Browser("198.51.100.42");
        var step = Totp.Step(app.Clock.GetCurrentInstant());
        await client.LoginApiAsync(email, DemoClinic.Password, HttpStatusCode.OK, Totp.Code(key, step));
        await client.LoginApiAsync(email, DemoClinic.Password, HttpStatusCode.Unauthorized, Totp.Code(key, step));
        await client.LoginApiAsync(email, DemoClinic.Password, HttpStatusCode.OK, Totp.Code(key, step + 1));
        await client.LoginApiAsync(email, DemoClinic.Password, HttpStatusCode.Unauthorized, Totp.Code(key, step));
    }

    [Fact]
    public async Task Hsts_IsSent_WhenATrustedProxyForwardsAnHttpsRequest_AndForgedHeadersAreIgnored()
    {
        var proxied = await app.ForwardedHttpsAsync("127.0.0.1");
        Assert.Equal(StatusCodes.Status200OK, proxied.Response.StatusCode);
        Assert.Contains("max-age=31536000", proxied.Response.Headers.StrictTransportSecurity.ToString(), StringComparison.Ordinal);

        var forged = await app.ForwardedHttpsAsync("203.0.113.7");
        Assert.Equal(StatusCodes.Status301MovedPermanently, forged.Response.StatusCode);
        Assert.False(forged.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    private static string RedirectPath(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Expected a redirect but got {(int)response.StatusCode}");
        return new Uri(new Uri("https://localhost"), response.Headers.Location!).PathAndQuery;
    }

    private async Task<T> WithUsersAsync<T>(Func<UserManager<ApplicationUser>, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());
    }

    private Task<int> SetStaffTwoFactorRuleAsync(bool required) =>
        app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.RequireStaffTwoFactor, required)));
}

public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests(app), IClassFixture<SqliteApp>;

public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests(app), IClassFixture<PostgresApp>;
