using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Security;

namespace OnTrack.Browser.Tests;

/// <summary>One login, several clinics (decision 011): a client of another clinic follows this clinic's booking link on a phone.</summary>
public abstract class ClinicsJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task ClientOfAnotherClinic_OnAPhone_JoinsThisOneFromItsBookingLink_AndSwitchesBack()
    {
        var (email, otherName) = await ClientOfAnotherClinicAsync("Robin Twoclinics");
        var ourName = await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).Select(c => c.Name).SingleAsync());

        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, email);
        await Assertions.Expect(phone.Locator(".navbar-brand")).ToHaveTextAsync(otherName);

        // This clinic's booking link: they are sent to join it, with crisis help still one tap away.
        await phone.GotoAsync($"/book?clinic={DemoClinic.Slug}");
        await BrowserApp.WaitForUrlAsync(phone, url => url.Contains("/Account/Clinics", StringComparison.Ordinal), "following the other clinic's booking link");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = $"Become a client of {ourName}" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Get help now" }).First).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByLabel("Full name")).ToHaveValueAsync("");
        await phone.ScreenshotAsync(new() { Path = Shot("clinics-join-phone.png"), FullPage = true });

        // Without a name: said in words, nothing joined.
        await phone.GetByRole(AriaRole.Button, new() { Name = $"Join {ourName} and continue" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".validation-message").First).ToContainTextAsync("full name");
        await phone.ScreenshotAsync(new() { Path = Shot("clinics-join-refused-phone.png"), FullPage = true });

        await phone.GetByLabel("Full name").FillAsync("Robin Twoclinics");
        await phone.GetByLabel("Mobile phone (optional)").FillAsync("555-0177");
        await phone.GetByRole(AriaRole.Button, new() { Name = $"Join {ourName} and continue" }).ClickAsync();
        await BrowserApp.WaitForUrlAsync(phone, url => url.Contains("/book", StringComparison.Ordinal), "joining");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "What would you like to book?" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator(".navbar-brand")).ToHaveTextAsync(ourName);
        await phone.ScreenshotAsync(new() { Path = Shot("clinics-joined-book-phone.png"), FullPage = true });

        // The menu offers their clinics; switching back lands on the other clinic's home.
        await phone.GetByText("Menu").ClickAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = "Your clinics" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.List, new() { Name = "Your clinics" })).ToContainTextAsync("Signed in here");
        await phone.ScreenshotAsync(new() { Path = Shot("clinics-list-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Button, new() { Name = $"Switch to {otherName}" }).ClickAsync();
        await BrowserApp.WaitForUrlAsync(phone, url => url.EndsWith("/my", StringComparison.Ordinal), "switching back");
        await Assertions.Expect(phone.Locator(".navbar-brand")).ToHaveTextAsync(otherName);

        // On a desktop the same login sees both clinics, signed in for the one used last.
        var desktop = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desktop, email);
        await Assertions.Expect(desktop.Locator(".navbar-brand")).ToHaveTextAsync(otherName);
        await desktop.GetByText("Account", new() { Exact = true }).ClickAsync();
        await desktop.GetByRole(AriaRole.Link, new() { Name = "Your clinics" }).ClickAsync();
        var list = desktop.GetByRole(AriaRole.List, new() { Name = "Your clinics" });
        await Assertions.Expect(list).ToContainTextAsync(ourName);
        await Assertions.Expect(list).ToContainTextAsync(otherName);
        await desktop.ScreenshotAsync(new() { Path = Shot("clinics-list-desktop.png"), FullPage = true });

        var records = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.Email == email).Select(c => c.FullName + "|" + c.Phone).ToListAsync());
        Assert.Equal(["Robin Twoclinics|555-0100", "Robin Twoclinics|555-0177"], records.Order(StringComparer.Ordinal));
    }

    private async Task<(string Email, string ClinicName)> ClientOfAnotherClinicAsync(string name)
    {
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@example.test";
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        var clinic = new Clinic { Slug = $"harbour-{Guid.NewGuid():N}"[..20], Name = "Harbour Counselling", TimeZoneId = "America/Phoenix", CrisisCallNumber = "988", RequireStaffTwoFactor = false };
        db.Clinics.Add(clinic);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, ClinicId = clinic.Id, FullName = name };
        Assert.True((await users.CreateAsync(user, DemoClinic.Password)).Succeeded);
        await scope.ServiceProvider.GetRequiredService<Memberships>().GrantAsync(user, clinic.Id, Roles.Client);
        db.ClientRecords.Add(new Client { ClinicId = clinic.Id, UserId = user.Id, FullName = name, Email = email, Phone = "555-0100", CreatedAt = app.Clock.GetCurrentInstant() });
        await db.SaveChangesAsync();
        return (email, clinic.Name);
    }
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class ClinicsJourneyTestsOnSqlite(SqliteBrowserApp app) : ClinicsJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class ClinicsJourneyTestsOnPostgres(PostgresBrowserApp app) : ClinicsJourneyTests(app);
