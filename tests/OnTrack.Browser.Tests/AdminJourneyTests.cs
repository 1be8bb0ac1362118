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

        await page.GetByLabel("Phone numbers").FillAsync("(555) 010-0199\n(555) 010-0198");
        await page.GetByLabel("Sunday opens").FillAsync("10:00");
        await page.GetByLabel("Sunday closes").FillAsync("12:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");

        // The browser posts the lines with CRLF; they are stored one number per line, without CR.
        var phones = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Clinics.Where(c => c.Slug == OnTrack.Web.Data.DemoClinic.Slug).Select(c => c.Phones)));
        Assert.Equal("(555) 010-0199\n(555) 010-0198", phones);

        // Wrong values are refused with plain messages, and nothing changes — also past the browser's own checks.
        await page.EvaluateAsync("() => { const crisis = document.getElementById('crisis'); crisis.form.noValidate = true; crisis.removeAttribute('maxlength'); }");
        await page.GetByLabel("Time zone").FillAsync("Mars/Olympus");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("office at demo");
        await page.GetByLabel("What else to tell a client in crisis").FillAsync(new string('x', 1001));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("not an IANA time zone");
        await Assertions.Expect(alert).ToContainTextAsync("'office at demo' is not an email address");
        await Assertions.Expect(alert).ToContainTextAsync("crisis text is at most 1000 characters");
        Assert.Equal("office@demo.ontrack.test", await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Clinics.Where(c => c.Slug == OnTrack.Web.Data.DemoClinic.Slug).Select(c => c.Email))));
        await page.ScreenshotAsync(new() { Path = Shot("admin-clinic.png"), FullPage = true });

        var visitor = await app.PhoneAsync();
        await visitor.GotoAsync("/contact");
        await Assertions.Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "(555) 010-0199", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Row, new() { Name = "Sunday 10:00–12:00" })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Locator("body")).ToContainTextAsync("America/Phoenix");
        await visitor.ScreenshotAsync(new() { Path = Shot("contact-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task Admin_SavesAServiceWithNoTherapistTicked_AndGetsAPlainMessage()
    {
        var page = await app.DesktopAsync();
        await BrowserApp.SignInAsync(page, "admin@demo.ontrack.test");
        await page.GotoAsync("/admin/services");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Walk and talk");
        await page.GetByLabel("Minutes (30–60)").FillAsync("50");
        var response = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(200, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Tick at least one therapist");
        await page.ScreenshotAsync(new() { Path = Shot("services-no-therapist.png"), FullPage = true });
    }

    [Fact]
    public async Task Availability_FromClinicAdmin_OpensForATherapist_AndTherapistsHaveTheirOwnLink()
    {
        var admin = await app.DesktopAsync();
        await BrowserApp.SignInAsync(admin, "admin@demo.ontrack.test");
        await admin.GotoAsync("/admin");
        var response = await admin.RunAndWaitForResponseAsync(() => admin.GetByRole(AriaRole.Link).Filter(new() { HasText = "Therapists' availability" }).ClickAsync(), r => r.Url.Contains("/availability", StringComparison.Ordinal));
        Assert.Equal(200, response.Status);
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Weekly hours" })).ToBeVisibleAsync();

        var therapist = await app.DesktopAsync();
        await BrowserApp.SignInAsync(therapist, "elena.ruiz@demo.ontrack.test"); // (Samuel turns on two-factor in another test)
        await therapist.GotoAsync("/schedule");
        await therapist.GetByRole(AriaRole.Link, new() { Name = "My hours" }).ClickAsync();
        await Assertions.Expect(therapist.GetByRole(AriaRole.Heading, new() { Name = "Availability – Elena Ruiz" })).ToBeVisibleAsync();
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
