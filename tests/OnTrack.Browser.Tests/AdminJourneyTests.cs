using Microsoft.Playwright;

namespace OnTrack.Browser.Tests;

public abstract class AdminJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Admin_ChangesTheClinicsDetails_AndVisitorsSeeThemOnTheContactPage()
    {
        var page = await app.DesktopAsync();
        await BrowserApp.SignInAsync(page, "admin@demo.ontrack.test");
        await page.GotoAsync("/admin/clinic");

        await page.GetByLabel("Phone numbers").FillAsync("(555) 010-0199");
        await page.GetByLabel("Sunday opens").FillAsync("10:00");
        await page.GetByLabel("Sunday closes").FillAsync("12:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");

        // A wrong value is refused with a plain message, and nothing changes.
        await page.GetByLabel("Time zone").FillAsync("Mars/Olympus");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not an IANA time zone");
        await page.ScreenshotAsync(new() { Path = Shot("admin-clinic.png"), FullPage = true });

        var visitor = await app.PhoneAsync();
        await visitor.GotoAsync("/contact");
        await Assertions.Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "(555) 010-0199", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Row, new() { Name = "Sunday 10:00–12:00" })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Locator("body")).ToContainTextAsync("America/Phoenix");
        await visitor.ScreenshotAsync(new() { Path = Shot("contact-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task Therapist_TakesADayOff_AndItsSlotsDisappear()
    {
        var page = await app.DesktopAsync();
        await BrowserApp.SignInAsync(page, "elena.ruiz@demo.ontrack.test");
        await page.GotoAsync("/availability");
        await page.GetByLabel("Date").FillAsync("2026-03-20");
        await page.GetByLabel("Note").FillAsync("Training day");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("booked session(s) fall in this time off");
        await page.ScreenshotAsync(new() { Path = Shot("availability.png"), FullPage = true });

        var client = await app.PhoneAsync();
        await client.GotoAsync("/book");
        await client.GetByRole(AriaRole.Link).Filter(new() { HasText = "A 50-minute one-to-one session." }).ClickAsync();
        await client.GetByRole(AriaRole.Link, new() { Name = "Elena Ruiz" }).ClickAsync();
        await client.GetByRole(AriaRole.Link, new() { Name = "Later" }).ClickAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Heading, new() { Name = "Monday 16 March" })).ToBeVisibleAsync();
        await Assertions.Expect(client.GetByRole(AriaRole.Heading, new() { Name = "Friday 20 March" })).Not.ToBeVisibleAsync();
    }
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class AdminJourneyTestsOnSqlite(SqliteBrowserApp app) : AdminJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class AdminJourneyTestsOnPostgres(PostgresBrowserApp app) : AdminJourneyTests(app);
