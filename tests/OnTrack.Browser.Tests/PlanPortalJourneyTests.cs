using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Browser.Tests;

public abstract class PlanPortalJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task NewClientOnAPhone_GoesThroughTheThreeStartSteps_ThenAgreesToTheirPlan()
    {
        var (email, clientId) = await NewClientWithAPlanAsync("Robin Start");
        var phone = await app.PhoneAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await BrowserApp.SignInAsync(phone, email);

        // Home asks for the three steps while preferences and expectations are missing; help stays one tap away.
        await phone.GotoAsync("/my");
        await Assertions.Expect(phone.GetByTestId("start-card")).ToContainTextAsync("3 short steps");
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Get help now" }).First).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("plan-home-start-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Link, new() { Name = "Start the 3 steps" }).ClickAsync();

        // Step 1: preferences, seven steps between two poles.
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "How you would like therapy to be" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByText("Step 1 of 3")).ToBeVisibleAsync();
        await phone.Locator("fieldset[data-dimension='Direction'] label").Nth(1).ClickAsync(); // quite a lot: structure and tasks
        await phone.Locator("fieldset[data-dimension='TimeFocus'] label").Nth(5).ClickAsync(); // quite a lot: my life now
        await phone.GetByLabel("The language you would like your sessions in").FillAsync("English");
        await phone.GetByText("By video", new() { Exact = true }).ClickAsync();
        await phone.GetByText("Evenings", new() { Exact = true }).ClickAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("plan-start-preferences-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save and go on" }).ClickAsync();

        // Step 2: expectations, then the honest sentence about pace.
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "What you expect from therapy" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByText("Step 2 of 3")).ToBeVisibleAsync();
        await phone.GetByLabel("How many sessions do you think you will need?").FillAsync("4");
        await phone.GetByText("Within a week or two", new() { Exact = true }).ClickAsync();
        await phone.Locator("label[for='confidence-8']").ClickAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("plan-start-expectations-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save and go on" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("pace")).ToContainTextAsync("talk about the pace with your therapist");
        await phone.ScreenshotAsync(new() { Path = Shot("plan-start-pace-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Link, new() { Name = "Go on to your goals" }).ClickAsync();

        // Step 3: a goal in their own words.
        await Assertions.Expect(phone.GetByText("Step 3 of 3")).ToBeVisibleAsync();
        await phone.GetByLabel("My goal").FillAsync("Go to the shops on my own again");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Add this goal" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("goal-added")).ToContainTextAsync("Go to the shops on my own again");
        await phone.ScreenshotAsync(new() { Path = Shot("plan-start-goals-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Link, new() { Name = "Finish" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "You're done" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "The check-in" })).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("plan-start-done-phone.png"), FullPage = true });

        // Opened again, the flow resumes where there is nothing left: the end.
        await phone.GotoAsync("/my/start");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "You're done" })).ToBeVisibleAsync();

        // Home now links to the plan; the client reads it and agrees.
        await phone.GotoAsync("/my");
        await phone.GetByTestId("plan-link").ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "My plan", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByTestId("plan")).ToContainTextAsync("Anxiety or worry");
        await Assertions.Expect(phone.GetByTestId("plan")).ToContainTextAsync("Once a week, about 10 sessions");
        await Assertions.Expect(phone.GetByTestId("not-agreed")).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByTestId("active-goals")).ToContainTextAsync("Go to the shops on my own again");
        await phone.ScreenshotAsync(new() { Path = Shot("plan-my-plan-phone.png"), FullPage = true });

        // A comment without text is a plain message, nothing stored.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send my comment" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Alert)).ToContainTextAsync("Write your comment first");

        await phone.GetByLabel("Your comment (optional)").FillAsync("Evenings work best for me.");
        await phone.GetByRole(AriaRole.Button, new() { Name = "I agree to this plan" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("plan-message")).ToContainTextAsync("you agreed to your plan");
        await Assertions.Expect(phone.GetByTestId("agreed")).ToContainTextAsync("You agreed to this plan on");
        await Assertions.Expect(phone.GetByText("Evenings work best for me.")).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("plan-my-plan-agreed-phone.png"), FullPage = true });

        var responses = await app.WithDbAsync(db => db.Set<PlanResponse>().Where(r => r.ClientId == clientId).ToListAsync());
        var response = Assert.Single(responses);
        Assert.True(response.Agreed);
        Assert.Equal(1, response.Version);
        Assert.Equal(-2, await app.WithDbAsync(db => db.Set<ClientPreferences>().Where(p => p.ClientId == clientId).Select(p => p.Direction).SingleAsync()));

        // The same pages on a wide screen.
        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, email);
        foreach (var (path, name) in new[] { ("/my/plan", "my-plan"), ("/my/preferences", "preferences"), ("/my/expectations", "expectations"), ("/my", "home") })
        {
            await desk.GotoAsync(path);
            await Assertions.Expect(desk.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await desk.ScreenshotAsync(new() { Path = Shot($"plan-{name}-desktop.png"), FullPage = true });
        }

        // Preferences saved outside the flow say what was kept.
        await desk.GotoAsync("/my/preferences");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Save my preferences" }).ClickAsync();
        await Assertions.Expect(desk.GetByTestId("saved")).ToContainTextAsync("meeting by video");
        await desk.ScreenshotAsync(new() { Path = Shot("plan-preferences-saved-desktop.png"), FullPage = true });
    }

    /// <summary>A client of Maya's with an account, no preferences or expectations yet, and a first plan they have not answered.</summary>
    private async Task<(string Email, Guid ClientId)> NewClientWithAPlanAsync(string name)
    {
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@example.test";
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var db = scope.ServiceProvider.GetRequiredService<OnTrackDbContext>();
        var clinic = await db.Clinics.SingleAsync(c => c.Slug == DemoClinic.Slug);
        var maya = await db.Therapists.SingleAsync(t => t.DisplayName == "Dr. Maya Chen");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, ClinicId = clinic.Id, FullName = name };
        Assert.True((await users.CreateAsync(user, OnTrack.Web.Data.DemoClinic.Password)).Succeeded);
        await scope.ServiceProvider.GetRequiredService<OnTrack.Web.Features.Clinics.Memberships>().GrantAsync(user, user.ClinicId, Roles.Client);
        await db.SaveChangesAsync();
        var now = app.Clock.GetCurrentInstant();
        var client = new Client { ClinicId = clinic.Id, UserId = user.Id, FullName = name, Email = email, CreatedAt = now, PrimaryTherapistId = maya.Id };
        db.ClientRecords.Add(client);
        await db.SaveChangesAsync();
        db.Add(new TreatmentPlanVersion
        {
            ClinicId = clinic.Id,
            ClientId = client.Id,
            Version = 1,
            ProblemAreas = [ProblemArea.Anxiety],
            ClientWords = "I avoid going out since the winter.",
            Approach = TherapyApproach.Cbt,
            Format = SessionFormat.Individual,
            Frequency = SessionFrequency.Weekly,
            PlannedSessions = 10,
            NextReview = now.InZone(clinic.Zone).Date.PlusDays(42),
            ChangedAt = now,
            ChangedByUserId = maya.UserId ?? "",
            ChangedByName = maya.DisplayName,
        });
        await db.SaveChangesAsync();
        return (email, client.Id);
    }
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class PlanPortalJourneyTestsOnSqlite(SqliteBrowserApp app) : PlanPortalJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class PlanPortalJourneyTestsOnPostgres(PostgresBrowserApp app) : PlanPortalJourneyTests(app);
