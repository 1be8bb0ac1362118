using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Matching;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Browser.Tests;

public abstract class MatchingJourneyTests(BrowserApp app) : BrowserTest(app)
{
    private const string Maya = "maya.chen@demo.ontrack.test";

    [Fact]
    public async Task Admin_MatchesANewClient_FromTheCareTeamPage_AndTheChoiceMovesTheirCare()
    {
        var quinn = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.FullName == DemoMatching.NewClientName).Select(c => c.Id).SingleAsync());
        await RoomForNewClientsAsync();
        foreach (var (page, device) in new[] { (await app.DesktopAsync(), "desktop"), (await app.PhoneAsync(), "phone") })
        {
            await BrowserApp.SignInAsync(page, DemoClinic.AdminEmail);
            await page.GotoAsync($"/clients/{quinn}/care-team");
            await page.GetByTestId("match-link").ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Suggested therapists" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Suggest therapists" }).ClickAsync();
            var candidates = page.GetByTestId("candidate");
            await Assertions.Expect(candidates).ToHaveCountAsync(3);
            await Assertions.Expect(candidates.First).ToContainTextAsync("1. Dr. Maya Chen");
            await Assertions.Expect(candidates.First).ToContainTextAsync("Clients with depression improved more with them");
            await Assertions.Expect(candidates.Last).ToContainTextAsync("Samuel Okafor (not suggested)");
            await page.ScreenshotAsync(new() { Path = Shot($"match-suggestions-{device}.png"), FullPage = true });
        }

        var desktop = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desktop, DemoClinic.AdminEmail);
        await desktop.GotoAsync($"/clients/{quinn}/match");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Choose Dr. Maya Chen" }).ClickAsync();
        await Assertions.Expect(desktop.GetByTestId("match-chosen")).ToContainTextAsync("Dr. Maya Chen is now Quinn Avery's therapist");
        await Assertions.Expect(desktop.GetByTestId("candidates")).ToContainTextAsync("— chosen");
        await Assertions.Expect(desktop.GetByRole(AriaRole.Button, new() { Name = "Choose Elena Ruiz" })).ToHaveCountAsync(0);
        await desktop.ScreenshotAsync(new() { Path = Shot("match-chosen-desktop.png"), FullPage = true });
        Assert.Equal(await app.WithDbAsync(db => db.Therapists.Where(t => t.DisplayName == "Dr. Maya Chen").Select(t => (Guid?)t.Id).SingleAsync()),
            await app.WithDbAsync(db => db.ClientRecords.Where(c => c.Id == quinn).Select(c => c.PrimaryTherapistId).SingleAsync()));
    }

    [Fact]
    public async Task Client_OnAPhone_ChoosesBetweenTheTherapistsSuggestedToThem()
    {
        var email = await NewClientWithoutATherapistAsync("Sky Chooser");
        await RoomForNewClientsAsync();
        await SetClientsMayChooseAsync(true);
        try
        {
            var phone = await app.PhoneAsync();
            await BrowserApp.SignInAsync(phone, email);
            await phone.GotoAsync("/my");
            await phone.GetByTestId("my-therapist-link").ClickAsync();
            await Assertions.Expect(phone.GetByTestId("no-therapist")).ToBeVisibleAsync();
            await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Get help now" }).First).ToBeVisibleAsync();
            await phone.ScreenshotAsync(new() { Path = Shot("my-therapist-none-phone.png"), FullPage = true });
            await phone.GetByRole(AriaRole.Button, new() { Name = "Show me therapists who may suit me" }).ClickAsync();

            var offered = phone.GetByTestId("offered-therapist");
            await Assertions.Expect(offered.First).ToBeVisibleAsync();
            await Assertions.Expect(phone.GetByTestId("offered")).Not.ToContainTextAsync("past clients"); // never other clients' outcomes
            await Assertions.Expect(phone.GetByTestId("offered")).Not.ToContainTextAsync("Samuel Okafor"); // not suggested for depression
            await Assertions.Expect(offered.First).ToContainTextAsync("Works with");
            await phone.ScreenshotAsync(new() { Path = Shot("my-therapist-choose-phone.png"), FullPage = true });

            var name = (await offered.Nth(1).Locator("h3").InnerTextAsync()).Split(',')[0];
            await offered.Nth(1).GetByRole(AriaRole.Button).ClickAsync();
            await Assertions.Expect(phone.GetByTestId("chosen")).ToContainTextAsync($"{name} is now your therapist");
            await Assertions.Expect(phone.GetByTestId("current-therapist")).ToContainTextAsync(name);
            await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "See my sessions" })).ToBeVisibleAsync();
            await phone.ScreenshotAsync(new() { Path = Shot("my-therapist-chosen-phone.png"), FullPage = true });

            var desktop = await app.DesktopAsync();
            await BrowserApp.SignInAsync(desktop, email);
            await desktop.GotoAsync("/my/therapist");
            await desktop.ScreenshotAsync(new() { Path = Shot("my-therapist-desktop.png"), FullPage = true });
        }
        finally
        {
            await SetClientsMayChooseAsync(false);
        }
    }

    [Fact]
    public async Task Supervisor_SeesEachTherapistsProfilePerArea_ATherapistOnlyTheirOwn()
    {
        foreach (var (page, device) in new[] { (await app.DesktopAsync(), "desktop"), (await app.PhoneAsync(), "phone") })
        {
            await BrowserApp.SignInAsync(page, DemoClinic.AdminEmail);
            await page.GotoAsync("/admin");
            await page.GetByRole(AriaRole.Link, new() { Name = "Outcome profiles and matching" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Therapists' outcome profiles" })).ToBeVisibleAsync();
            var depression = page.GetByTestId("area").Filter(new() { HasText = "Depression" });
            await Assertions.Expect(depression.GetByTestId("profile-row")).ToHaveCountAsync(3);
            await Assertions.Expect(depression.Locator("svg.ot-caterpillar")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("area").Filter(new() { HasText = "Well-being" }).GetByTestId("not-estimated")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Shot($"outcome-profiles-admin-{device}.png"), FullPage = true });
        }

        var maya = await app.DesktopAsync();
        await BrowserApp.SignInAsync(maya, Maya);
        await maya.GotoAsync("/outcomes");
        await maya.GetByTestId("outcome-profiles-link").ClickAsync();
        await Assertions.Expect(maya.GetByRole(AriaRole.Heading, new() { Name = "Your outcome profile" })).ToBeVisibleAsync();
        await Assertions.Expect(maya.GetByTestId("profile-row").First).ToContainTextAsync("Dr. Maya Chen");
        await Assertions.Expect(maya.GetByText("Samuel Okafor")).ToHaveCountAsync(0);
        await maya.ScreenshotAsync(new() { Path = Shot("outcome-profile-therapist-desktop.png"), FullPage = true });

        await maya.GetByRole(AriaRole.Link, new() { Name = "My profile" }).ClickAsync();
        await Assertions.Expect(maya.GetByRole(AriaRole.Heading, new() { Name = "My profile" })).ToBeVisibleAsync();
        await maya.GetByLabel("New clients I can take a week (0 while I take none)").FillAsync("3");
        await maya.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(maya.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        await maya.ScreenshotAsync(new() { Path = Shot("therapist-profile-desktop.png"), FullPage = true });
        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, Maya);
        await phone.GotoAsync("/profile");
        await phone.ScreenshotAsync(new() { Path = Shot("therapist-profile-phone.png"), FullPage = true });
    }

    /// <summary>The suite's other new clients fill the demo therapists' weekly room for new clients: give them room.</summary>
    private Task RoomForNewClientsAsync() =>
        app.WithDbAsync(db => db.Set<TherapistProfile>().ExecuteUpdateAsync(p => p.SetProperty(x => x.NewClientsPerWeek, 50)));

    private async Task SetClientsMayChooseAsync(bool on) => await app.WithDbAsync(async db =>
    {
        var clinic = await db.Clinics.SingleAsync(c => c.Slug == DemoClinic.Slug);
        var row = await db.Set<MatchingSettings>().FirstOrDefaultAsync();
        if (row is null)
        {
            row = new MatchingSettings { ClinicId = clinic.Id };
            db.Add(row);
        }

        row.ClientsMayChoose = on;
        return await db.SaveChangesAsync();
    });

    /// <summary>A new client with a sign-in and no therapist yet, who scored PHQ-9 17 at intake and wants structure.</summary>
    private async Task<string> NewClientWithoutATherapistAsync(string name)
    {
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@example.test";
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        var clinic = await db.Clinics.SingleAsync(c => c.Slug == DemoClinic.Slug);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, ClinicId = clinic.Id, FullName = name };
        Assert.True((await users.CreateAsync(user, DemoClinic.Password)).Succeeded);
        await scope.ServiceProvider.GetRequiredService<OnTrack.Web.Features.Clinics.Memberships>().GrantAsync(user, user.ClinicId, Roles.Client);
        await db.SaveChangesAsync();
        var now = app.Clock.GetCurrentInstant();
        var client = new Client { ClinicId = clinic.Id, UserId = user.Id, FullName = name, Email = email, CreatedAt = now };
        db.ClientRecords.Add(client);
        db.Add(new TreatmentPlanVersion
        {
            ClinicId = clinic.Id,
            ClientId = client.Id,
            Version = 1,
            ProblemAreas = [ProblemArea.Depression],
            Approach = TherapyApproach.Cbt,
            Format = SessionFormat.Individual,
            Frequency = SessionFrequency.Weekly,
            ChangedAt = now,
            ChangedByName = "intake",
        });
        db.Add(new ClientPreferences { ClinicId = clinic.Id, ClientId = client.Id, Direction = -2, Modality = PreferredModality.Either, UpdatedAt = now });
        await db.SaveChangesAsync();
        return email;
    }
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class MatchingJourneyTestsOnSqlite(SqliteBrowserApp app) : MatchingJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class MatchingJourneyTestsOnPostgres(PostgresBrowserApp app) : MatchingJourneyTests(app);
