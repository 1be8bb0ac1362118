using Microsoft.Playwright;

namespace OnTrack.Browser.Tests;

public abstract class GroupJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task TherapistSchedulesAGroup_AndAClientTakesAPlaceOnTheirPhone()
    {
        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, "elena.ruiz@demo.ontrack.test");
        await desk.GotoAsync("/schedule");
        await desk.GetByText("Schedule a group session").ClickAsync();
        await desk.GetByLabel("Starts (clinic time)").FillAsync("2026-03-13T10:00");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();
        await Assertions.Expect(desk.Locator("[data-day='2026-03-13']")).ToContainTextAsync("Anxiety skills group");
        Assert.Contains("week=2026-03-13", desk.Url, StringComparison.Ordinal);

        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, "alex.morgan@example.test");
        await phone.GotoAsync("/book");
        await phone.GetByRole(AriaRole.Link).Filter(new() { HasText = "Anxiety skills group" }).ClickAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = "Friday 13 March 10:00 with Elena Ruiz" }).ClickAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Join this group" }).ClickAsync();

        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "You're booked" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.List, new() { Name = "Booked sessions" })).ToContainTextAsync("Friday 13 March 2026 at 10:00");

        await desk.GotoAsync("/schedule?week=2026-03-09");
        await Assertions.Expect(desk.Locator("[data-day='2026-03-13']")).ToContainTextAsync("Alex Morgan");
    }
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class GroupJourneyTestsOnSqlite(SqliteBrowserApp app) : GroupJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class GroupJourneyTestsOnPostgres(PostgresBrowserApp app) : GroupJourneyTests(app);
