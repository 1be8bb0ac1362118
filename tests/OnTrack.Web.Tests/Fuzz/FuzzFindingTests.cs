using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Fuzz;

/// <summary>What the fuzz tests found, pinned down one by one.</summary>
public abstract class FuzzFindingTests(OnTrackApp app)
{
    [Theory]
    [InlineData(null)]
    [InlineData("/evil.example/")]
    [InlineData("\\evil.example")]
    [InlineData("café")]
    [InlineData("a\u0001b")]
    public async Task SignOut_MissingOrUnsafeReturnUrl_GoesHome(string? returnUrl)
    {
        var browser = app.Browser("198.51.100.81");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LogInAsync("jordan.lee@example.test")).StatusCode);
        var signOut = HtmlForms.Parse("/contact", await browser.GetStringAsync("/contact")).First(f => f.Action.EndsWith("Account/Logout", StringComparison.Ordinal));
        var fields = signOut.Fields.Where(f => f.Key != "ReturnUrl").ToList();
        if (returnUrl is not null)
        {
            fields.Add(new("ReturnUrl", returnUrl));
        }

        var response = await browser.PostAsync(signOut.Action, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task KioskStart_FormThatCannotBeRead_IsRefusedWith400()
    {
        var browser = app.Browser("198.51.100.82");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LogInAsync("maya.chen@demo.ontrack.test")).StatusCode);
        var clientId = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.Email == "alex.morgan@example.test").Select(c => c.Id).SingleAsync());

        var response = await browser.PostAsync($"/clients/{clientId}/kiosk", new StringContent("__RequestVerificationToken=a%00b", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignInApi_EmailWithInvalidUnicode_IsRefusedNot500()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "\uFFFF\uFFFE", password = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task StaffInvite_EmailWithInvalidUnicode_IsRefusedNot500()
    {
        var browser = app.Browser("198.51.100.83");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LogInAsync(Web.Data.DemoClinic.AdminEmail)).StatusCode);
        var invite = HtmlForms.Parse("/admin/staff", await browser.GetStringAsync("/admin/staff")).First(f => f.Handler == "invite");
        var fields = invite.Fields.Where(f => f.Key is not ("Form.Email" or "Form.FullName")).Append(new("Form.FullName", "Una Code")).Append(new("Form.Email", "\uFFFF\uFFFE"));
        var users = await app.WithDbAsync(db => db.Users.CountAsync());

        var response = await browser.PostAsync(invite.Action, new FormUrlEncodedContent(fields));

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
        Assert.Equal(users, await app.WithDbAsync(db => db.Users.CountAsync()));
    }
}

public sealed class FuzzFindingTestsOnSqlite(SqliteApp app) : FuzzFindingTests(app), IClassFixture<SqliteApp>;

public sealed class FuzzFindingTestsOnPostgres(PostgresApp app) : FuzzFindingTests(app), IClassFixture<PostgresApp>;
