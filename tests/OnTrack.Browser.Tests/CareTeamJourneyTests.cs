using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OnTrack.Web.Features.Clients;

namespace OnTrack.Browser.Tests;

public abstract class CareTeamJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Admin_MovesAClientToABetterMatchedTherapist_AndFindsItInTheAuditTrail()
    {
        var (clientId, name) = await NewClientOfMayaAsync("Morgan Move");

        foreach (var (page, device) in new[] { (await app.PhoneAsync(), "phone"), (await app.DesktopAsync(), "desktop") })
        {
            await BrowserApp.SignInAsync(page, "admin@demo.ontrack.test");
            await page.GotoAsync($"/clients/{clientId}/care-team");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change of therapist" })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Shot($"care-team-{device}.png"), FullPage = true });
        }

        var admin = await app.DesktopAsync();
        await BrowserApp.SignInAsync(admin, "admin@demo.ontrack.test");
        await admin.GotoAsync($"/clients/{clientId}/care-team");
        var team = admin.GetByRole(AriaRole.Table);
        await Assertions.Expect(team.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dr. Maya Chen" })).ToContainTextAsync("Primary therapist");

        // Without choosing a therapist: a plain message, nothing changes.
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Move {name} to the new therapist" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose the new therapist.");

        await admin.GetByLabel("New therapist", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Elena Ruiz" });
        await admin.GetByLabel("Reason", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "The fit between client and therapist is poor" });
        await admin.GetByLabel("Note (optional").FillAsync("Wants more structure and practical tasks");
        await admin.GetByLabel("The client agrees to the change").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Move {name} to the new therapist" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"{name} is now with Elena Ruiz.");
        await Assertions.Expect(team.GetByRole(AriaRole.Row).Filter(new() { HasText = "Elena Ruiz" }).First).ToContainTextAsync("Primary therapist"); // the current team comes first
        await Assertions.Expect(team.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dr. Maya Chen" })).ToContainTextAsync("Care moved to Elena Ruiz: poor fit; the client agreed — Wants more structure");
        await admin.ScreenshotAsync(new() { Path = Shot("care-team-moved.png"), FullPage = true });
        Assert.Equal(await app.WithDbAsync(db => db.Therapists.Where(t => t.DisplayName == "Elena Ruiz").Select(t => (Guid?)t.Id).SingleAsync()),
            await app.WithDbAsync(db => db.ClientRecords.Where(c => c.Id == clientId).Select(c => c.PrimaryTherapistId).SingleAsync()));

        // The audit trail, filtered by the client: the change is there, with who made it.
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Link).Filter(new() { HasText = "Audit trail" }).ClickAsync();
        await admin.GetByLabel("Client id").FillAsync(clientId.ToString());
        await admin.GetByLabel("What", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Created" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var rows = admin.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { HasText = "Care team" });
        await Assertions.Expect(rows.First).ToContainTextAsync("admin@demo.ontrack.test");
        await admin.ScreenshotAsync(new() { Path = Shot("audit-trail-desktop.png"), FullPage = true });

        // A wrong date is a plain message.
        await admin.GotoAsync("/admin/audit?from=yesterday");
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("The from date is not a date like 2026-03-02.");

        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, "admin@demo.ontrack.test");
        await phone.GotoAsync($"/admin/audit?client={clientId}");
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("events");
        await phone.ScreenshotAsync(new() { Path = Shot("audit-trail-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task AClient_SeesWhichStaffOpenedTheirRecord()
    {
        var alexId = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.Email == "alex.morgan@example.test").Select(c => c.Id).SingleAsync());
        var maya = await app.DesktopAsync();
        await BrowserApp.SignInAsync(maya, "maya.chen@demo.ontrack.test");
        await maya.GotoAsync($"/clients/{alexId}/chart");
        await Assertions.Expect(maya.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Alex Morgan");

        var alex = await app.PhoneAsync();
        await BrowserApp.SignInAsync(alex, "alex.morgan@example.test");
        await alex.GetByRole(AriaRole.Link, new() { Name = "Who has opened my record" }).ClickAsync();
        await Assertions.Expect(alex.GetByRole(AriaRole.Heading, new() { Name = "Who has opened your record" })).ToBeVisibleAsync();
        await Assertions.Expect(alex.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Dr. Maya Chen" }).First).ToContainTextAsync("(therapist) looked at");
        await Assertions.Expect(alex.GetByRole(AriaRole.Link, new() { Name = "Get help now" }).First).ToBeVisibleAsync();
        await alex.ScreenshotAsync(new() { Path = Shot("record-access-phone.png"), FullPage = true });

        // Nobody else's: Maya cannot open it for Alex, and another client's id is not found.
        await maya.GotoAsync("/my/record-access");
        Assert.DoesNotContain("Who has opened your record", await maya.ContentAsync(), StringComparison.Ordinal);
    }

    private async Task<(Guid Id, string Name)> NewClientOfMayaAsync(string name)
    {
        var id = await app.WithDbAsync(async db =>
        {
            var clinic = await db.Clinics.SingleAsync(c => c.Slug == OnTrack.Web.Data.DemoClinic.Slug);
            var maya = await db.Therapists.SingleAsync(t => t.DisplayName == "Dr. Maya Chen");
            var client = new Client { ClinicId = clinic.Id, FullName = name, Email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@example.test", CreatedAt = app.Clock.GetCurrentInstant(), PrimaryTherapistId = maya.Id };
            db.ClientRecords.Add(client);
            await db.SaveChangesAsync();
            return client.Id;
        });
        return (id, name);
    }
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class CareTeamJourneyTestsOnSqlite(SqliteBrowserApp app) : CareTeamJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class CareTeamJourneyTestsOnPostgres(PostgresBrowserApp app) : CareTeamJourneyTests(app);
