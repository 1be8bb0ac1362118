using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace OnTrack.Browser.Tests;

public abstract class PlanStaffJourneyTests(BrowserApp app) : BrowserTest(app)
{
    private async Task<(Guid ClientId, string TherapistEmail)> DemoClientAsync(string email)
    {
        var client = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.Email == email).Select(c => new { c.Id, c.PrimaryTherapistId }).SingleAsync());
        var therapist = await app.WithDbAsync(db => db.Therapists.Where(t => t.Id == client.PrimaryTherapistId).Select(t => t.UserId).SingleAsync());
        var therapistEmail = await app.WithDbAsync(db => db.Users.Where(u => u.Id == therapist).Select(u => u.Email!).SingleAsync());
        return (client.Id, therapistEmail);
    }

    [Fact]
    public async Task Therapist_SeesTheMismatchAndTheAgreement_ThenChangesThePlan_AndTheClientMustAgreeAgain()
    {
        var (taylor, therapist) = await DemoClientAsync("taylor.brooks@example.test");
        foreach (var (page, device) in new[] { (await app.PhoneAsync(), "phone"), (await app.DesktopAsync(), "desktop") })
        {
            await BrowserApp.SignInAsync(page, therapist);
            await page.GotoAsync($"/clients/{taylor}/plan");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Treatment plan" })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Shot($"plan-staff-{device}.png"), FullPage = true });
        }

        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, therapist);
        await desk.GotoAsync($"/clients/{taylor}/plan");
        // Taylor wants strong structure; her therapist's style leaves the lead to the client.
        await Assertions.Expect(desk.GetByTestId("plan-prompts")).ToContainTextAsync("Taylor would like more");
        await Assertions.Expect(desk.GetByTestId("plan-agreement")).ToContainTextAsync("Agreed");

        await desk.GetByText("Change the plan").ClickAsync();
        await desk.GetByLabel("Planned sessions").FillAsync("16");
        await desk.GetByLabel("or planned weeks").FillAsync("");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Status)).ToContainTextAsync("Plan saved.");
        await Assertions.Expect(desk.GetByTestId("plan-summary")).ToContainTextAsync("16 sessions");
        await Assertions.Expect(desk.GetByTestId("plan-agreement")).ToContainTextAsync("Not agreed yet");

        // A goal agreed with the client, then a plain message for an empty one.
        await desk.GetByLabel("A new goal, agreed with the client, in their words").FillAsync("Walk to the corner shop on my own");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Add goal" }).ClickAsync();
        await Assertions.Expect(desk.GetByTestId("active-goals")).ToContainTextAsync("Walk to the corner shop on my own");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Add goal" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await desk.ScreenshotAsync(new() { Path = Shot("plan-staff-edited.png"), FullPage = true });

        // The client's timeline has the new plan version and goal beside the sessions and forms.
        await desk.GetByRole(AriaRole.Link, new() { Name = "Timeline" }).ClickAsync();
        var timeline = desk.GetByTestId("timeline");
        await Assertions.Expect(timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Version 2" })).ToBeVisibleAsync();
        await Assertions.Expect(timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Goal set: Walk to the corner shop on my own" })).ToBeVisibleAsync();
        await Assertions.Expect(timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Session" }).First).ToBeVisibleAsync();
        await desk.ScreenshotAsync(new() { Path = Shot("timeline-desktop.png"), FullPage = true });
    }

    [Fact]
    public async Task Therapist_OfAnImpatientClient_IsPromptedToTalkAboutPace()
    {
        var (sam, therapist) = await DemoClientAsync("sam.rivera@example.test");
        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, therapist);
        await desk.GotoAsync($"/clients/{sam}/plan");
        await Assertions.Expect(desk.GetByTestId("expectations")).ToContainTextAsync("within a week");
        await Assertions.Expect(desk.GetByTestId("plan-prompts")).ToContainTextAsync("Talk about pace.");
        await desk.ScreenshotAsync(new() { Path = Shot("plan-staff-pace.png"), FullPage = true });

        // Plans due for review are on the caseload.
        await desk.GotoAsync("/caseload");
        await Assertions.Expect(desk.GetByRole(AriaRole.Heading, new() { Name = "Caseload" })).ToBeVisibleAsync();

        // The therapist describes their own style, which clients' wishes are compared with.
        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, therapist);
        await phone.GotoAsync("/style");
        await phone.GetByLabel("Clearly more structure, practical tasks and homework").CheckAsync(new() { Force = true });
        await phone.GetByLabel("Languages I work in").FillAsync("English, Spanish");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save my style" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        await Assertions.Expect(phone.GetByLabel("Clearly more structure, practical tasks and homework")).ToBeCheckedAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("therapist-style-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task Therapist_RatesTheLevelAScaledGoalReached_AndSeesTheGoalAttainmentTScore()
    {
        var (alex, therapist) = await DemoClientAsync("alex.morgan@example.test");
        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, therapist);
        await desk.GotoAsync($"/clients/{alex}/plan");

        // Alex's sleep goal is scaled (weight 2) and was last rated at the expected level: T = 50.
        var gas = desk.GetByTestId("gas");
        await Assertions.Expect(desk.GetByTestId("gas-tscore")).ToContainTextAsync("50.0");
        var sleep = gas.Locator("fieldset").Filter(new() { HasText = "Sleep through" }).First;
        await Assertions.Expect(sleep.GetByTestId("gas-latest")).ToContainTextAsync("Last rated 0");

        // Now five nights a week (+1): T = 50 + 10·2·1 / √(0.7·4 + 0.3·4) = 60.
        await sleep.GetByLabel("Sleep through five nights a week").CheckAsync();
        await sleep.GetByRole(AriaRole.Button, new() { Name = "Save the level reached" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Status)).ToContainTextAsync("Level +1 saved.");
        await Assertions.Expect(desk.GetByTestId("gas-tscore")).ToContainTextAsync("60.0");

        // Levels with one left out get a plain message, and nothing is saved.
        await desk.GetByLabel("−2 — much less than expected").FillAsync("Never outside");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Save the levels" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Alert)).ToContainTextAsync("Describe all five levels");
        await desk.ScreenshotAsync(new() { Path = Shot("plan-gas-desktop.png"), FullPage = true });

        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, therapist);
        await phone.GotoAsync($"/clients/{alex}/plan");
        await Assertions.Expect(phone.GetByTestId("gas-tscore")).ToContainTextAsync("60.0");
        await phone.GetByTestId("gas").ScrollIntoViewIfNeededAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("plan-gas-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task ClientOnAPhone_RatesTheirGoalsAtCheckIn_AndSeesThemInMyProgress()
    {
        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, "alex.morgan@example.test");

        // Alex's plan review date has come: the portal asks again what he expects, one tap from home.
        await phone.GotoAsync("/my");
        await Assertions.Expect(phone.GetByTestId("expectations-again")).ToContainTextAsync("27 February 2026");
        await phone.ScreenshotAsync(new() { Path = Shot("home-review-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Link, new() { Name = "Answer 3 questions" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("review-ask")).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("expectations-review-phone.png"), FullPage = true });

        await phone.GotoAsync("/my/forms");
        await Assertions.Expect(phone.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "My goals" })).ToBeVisibleAsync();
        await phone.GotoAsync("/my/forms/goals");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "My goals" })).ToBeVisibleAsync();
        var items = phone.Locator("fieldset[data-item^='goal-']");
        var count = await items.CountAsync();
        Assert.True(count >= 1, "Alex's active goals are on the form");
        for (var i = 0; i < count; i++)
        {
            await items.Nth(i).Locator("label", new() { HasTextString = "6" }).First.ClickAsync();
        }

        await phone.ScreenshotAsync(new() { Path = Shot("goals-form-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Get help now" }).First).ToBeVisibleAsync();

        await phone.GotoAsync("/my/progress");
        var goals = phone.Locator("section[data-measure='goals']");
        await Assertions.Expect(goals).ToBeVisibleAsync();
        await Assertions.Expect(goals.GetByTestId("goal-summary").First).ToContainTextAsync("out of 10");
        await phone.ScreenshotAsync(new() { Path = Shot("goals-progress-phone.png"), FullPage = true });
    }
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class PlanStaffJourneyTestsOnSqlite(SqliteBrowserApp app) : PlanStaffJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class PlanStaffJourneyTestsOnPostgres(PostgresBrowserApp app) : PlanStaffJourneyTests(app);
