using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace OnTrack.Browser.Tests;

public abstract class LifestyleJourneyTests(BrowserApp app) : BrowserTest(app)
{
    private const string Alex = "alex.morgan@example.test";
    private const string Maya = "maya.chen@demo.ontrack.test";

    private Task<Guid> AlexIdAsync() => app.WithDbAsync(db => db.ClientRecords.Where(c => c.Email == Alex).Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task Client_ChecksInOnAPhone_InSixTaps_AndIsToldTheNoteIsNotReadForRisk()
    {
        var page = await app.PhoneAsync();
        await BrowserApp.SignInAsync(page, Alex);
        await page.GotoAsync("/my");
        await Assertions.Expect(page.GetByTestId("day-open")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("my-home-day-phone.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = "Check in today" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My day" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("my-day-phone.png"), FullPage = true });

        // Saving with no mood gets a plain message (today is still open in the demo).
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose your mood");

        // The whole check-in is six taps: mood, sleep, activity, meals, calm, save — about 30 seconds.
        var taps = 0;
        async Task Tap(ILocator target)
        {
            await target.ClickAsync();
            taps++;
        }

        var form = page.GetByTestId("checkin-form");
        await Tap(form.Locator("label[for=mood-4]"));
        await Tap(form.Locator("label[for=sleep-7]"));
        await Tap(form.Locator("label[for=activity-20]"));
        await Tap(form.Locator("label[for=meals-regular]"));
        await Tap(form.Locator("label[for=relax-10]"));
        await Tap(page.GetByRole(AriaRole.Button, new() { Name = "Save" }));
        Assert.Equal(6, taps);
        await Assertions.Expect(page.GetByTestId("checkin-saved")).ToContainTextAsync("Saved. Thank you.");
        await page.ScreenshotAsync(new() { Path = Shot("my-day-saved-phone.png"), FullPage = true });

        // The note says who reads it and that nobody screens it; crisis help is one tap away.
        await page.GetByText("Tags and a note (optional)").ClickAsync();
        await Assertions.Expect(page.GetByTestId("note-not-screened")).ToContainTextAsync("nobody reads them for urgent needs or risk");
        await Assertions.Expect(page.GetByTestId("note-not-screened").GetByRole(AriaRole.Link, new() { Name = "get help now" })).ToHaveAttributeAsync("href", "help");

        var alex = await AlexIdAsync();
        var today = await app.WithDbAsync(db => db.Set<Web.Features.Lifestyle.DailyCheckIn>().Where(c => c.ClientId == alex).OrderByDescending(c => c.Date).FirstAsync());
        Assert.Equal((4, 420, 20, Domain.Lifestyle.Meals.Regular), (today.Mood!.Value, today.SleepMinutes!.Value, today.ActivityMinutes!.Value, today.Meals!.Value));
    }

    [Fact]
    public async Task Client_FinishesAGuidedBreathingExercise_AndItsMinutesCountToday()
    {
        var alex = await AlexIdAsync();
        var before = await BreathingMinutesAsync(alex);
        foreach (var (page, device) in new[] { (await app.PhoneAsync(), "phone"), (await app.DesktopAsync(), "desktop") })
        {
            await page.Clock.InstallAsync();
            await BrowserApp.SignInAsync(page, Alex);
            await page.GotoAsync("/my/breathing?pace=6&ratio=1.5&minutes=1");
            await Assertions.Expect(page.GetByTestId("breath-cue")).ToHaveTextAsync("Press start when you are ready");
            await page.ScreenshotAsync(new() { Path = Shot($"my-breathing-{device}.png"), FullPage = true });
            await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("breath-cue")).ToHaveTextAsync("Breathe in…");
            await page.Clock.RunForAsync(4500);
            await Assertions.Expect(page.GetByTestId("breath-cue")).ToHaveTextAsync("Breathe out…");
            await page.ScreenshotAsync(new() { Path = Shot($"my-breathing-running-{device}.png"), FullPage = true });
            await page.Clock.RunForAsync(60_000);
            await Assertions.Expect(page.GetByTestId("breathing-logged")).ToContainTextAsync("1 minute added to today");
            await page.ScreenshotAsync(new() { Path = Shot($"my-breathing-done-{device}.png"), FullPage = true });
        }

        Assert.Equal(before + 2, await BreathingMinutesAsync(alex));
    }

    [Fact]
    public async Task Breathing_WithReducedMotion_LeadsWithWords()
    {
        var page = await app.PhoneAsync();
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await page.Clock.InstallAsync();
        await BrowserApp.SignInAsync(page, Alex);
        await page.GotoAsync("/my/breathing?minutes=2&pace=4&ratio=2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("breath-cue")).ToHaveTextAsync("Breathe in…");

        // The circle does not move; the cue changes after 5 s in (15 s a breath, out twice as long as in).
        Assert.Equal("none", await page.Locator(".ot-breath-circle").EvaluateAsync<string>("e => getComputedStyle(e).transform"));
        await page.Clock.RunForAsync(5100);
        await Assertions.Expect(page.GetByTestId("breath-cue")).ToHaveTextAsync("Breathe out…");
        await page.ScreenshotAsync(new() { Path = Shot("my-breathing-reduced-motion-phone.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("breath-cue")).ToContainTextAsync("Stopped");
    }

    [Fact]
    public async Task WeeklyLifestyle_ShowsUnderTheCourse_ForTheTherapistAndInMyProgress()
    {
        var alex = await AlexIdAsync();
        foreach (var (page, device) in new[] { (await app.DesktopAsync(), "desktop"), (await app.PhoneAsync(), "phone") })
        {
            await BrowserApp.SignInAsync(page, Maya);
            await page.GotoAsync($"/clients/{alex}/chart");
            var weeks = page.GetByTestId("lifestyle-weeks");
            await Assertions.Expect(weeks.GetByRole(AriaRole.Heading, new() { Name = "Lifestyle by week, beside the course" })).ToBeVisibleAsync();
            await Assertions.Expect(weeks.Locator("canvas[data-week-chart]")).ToHaveCountAsync(2);
            await Assertions.Expect(weeks.GetByTestId("lifestyle-steps")).ToContainTextAsync("A 20-minute walk in the morning");
            Assert.True(await weeks.GetByTestId("lifestyle-week-table").Locator("tbody tr").CountAsync() >= 8); // the demo's 8 weeks of log
            await weeks.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Shot($"chart-lifestyle-{device}.png"), FullPage = true });

            await page.GotoAsync($"/clients/{alex}/lifestyle");
            await Assertions.Expect(page.GetByTestId("associations")).ToContainTextAsync("Mood after a night of 7 hours or more");
            await Assertions.Expect(page.GetByTestId("sleep-diary")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Shot($"client-lifestyle-{device}.png"), FullPage = true });
        }

        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, Alex);
        await phone.GotoAsync("/my/progress");
        await Assertions.Expect(phone.GetByTestId("lifestyle-weeks").GetByRole(AriaRole.Heading, new() { Name = "Your weeks beside your scores" })).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("my-progress-lifestyle-phone.png"), FullPage = true });
        await phone.GotoAsync("/my/lifestyle");
        await Assertions.Expect(phone.GetByTestId("associations")).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("my-lifestyle-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task Therapist_AgreesALifestyleStep_AndTheClientSeesItOnTheirHome()
    {
        var alex = await AlexIdAsync();
        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, Maya);
        await desk.GotoAsync($"/clients/{alex}/lifestyle");
        await desk.GetByText("Agree a step with").ClickAsync();
        await desk.GetByLabel("The step, in the words you agreed").FillAsync("In bed by 23:30 on weeknights");
        await desk.GetByLabel("Counted from the check-ins as").SelectOptionAsync("bedBy");
        await desk.GetByLabel("Time (in bed by)").FillAsync("23:30");
        foreach (var day in new[] { "Sun", "Mon", "Tue", "Wed", "Thu" })
        {
            await desk.GetByLabel(day, new() { Exact = true }).CheckAsync();
        }

        await desk.GetByRole(AriaRole.Button, new() { Name = "Agree this step" }).ClickAsync();
        await Assertions.Expect(desk.GetByTestId("step-saved")).ToContainTextAsync("In bed by 23:30");
        await desk.ScreenshotAsync(new() { Path = Shot("client-lifestyle-step-desktop.png"), FullPage = true });

        // A step without its time gets a plain message.
        await desk.GetByText("Agree a step with").ClickAsync();
        await desk.GetByLabel("The step, in the words you agreed").FillAsync("Early nights");
        await desk.GetByLabel("Counted from the check-ins as").SelectOptionAsync("bedBy");
        await desk.GetByLabel("…or a number of days a week").FillAsync("3");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Agree this step" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Alert)).Not.ToContainTextAsync("StepRule");

        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, Alex);
        await phone.GotoAsync("/my");
        await Assertions.Expect(phone.GetByTestId("home-step").Filter(new() { HasText = "In bed by 23:30 on weeknights" })).ToBeVisibleAsync();

        var step = await app.WithDbAsync(db => db.Set<Web.Features.Lifestyle.LifestyleStep>().SingleAsync(s => s.ClientId == alex && s.Text == "In bed by 23:30 on weeknights"));
        Assert.Equal("1,2,3,4,7", step.Days);
        await app.WithDbAsync(async db => await db.Set<Web.Features.Lifestyle.LifestyleStep>().Where(s => s.Id == step.Id).ExecuteDeleteAsync());
    }

    private Task<int> BreathingMinutesAsync(Guid client) =>
        app.WithDbAsync(db => db.Set<Web.Features.Lifestyle.DailyCheckIn>().Where(c => c.ClientId == client).SumAsync(c => c.BreathingMinutes));
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class LifestyleJourneyTestsOnSqlite(SqliteBrowserApp app) : LifestyleJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class LifestyleJourneyTestsOnPostgres(PostgresBrowserApp app) : LifestyleJourneyTests(app);
