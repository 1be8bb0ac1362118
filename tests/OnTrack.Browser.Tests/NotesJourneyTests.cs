using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace OnTrack.Browser.Tests;

public abstract class NotesJourneyTests(BrowserApp app) : BrowserTest(app)
{
    private const string Maya = "maya.chen@demo.ontrack.test";

    private Task<Guid> ClientIdAsync(string email) => app.WithDbAsync(db => db.ClientRecords.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task Therapist_WritesANoteForASession_SignsIt_AndAddsAnAddendum()
    {
        var priya = await ClientIdAsync("priya.patel@example.test");
        foreach (var (page, device) in new[] { (await app.PhoneAsync(), "phone"), (await app.DesktopAsync(), "desktop") })
        {
            await BrowserApp.SignInAsync(page, Maya);
            await page.GotoAsync($"/clients/{priya}/notes");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sessions" })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Shot($"notes-sessions-{device}.png"), FullPage = true });

            // The newest session without a note.
            await page.GetByRole(AriaRole.Link, new() { Name = "Write note" }).First.ClickAsync();
            var note = page.GetByTestId("note");
            await Assertions.Expect(note.GetByRole(AriaRole.Heading)).ToContainTextAsync("Note for the session on");
            await page.GetByLabel("Note", new() { Exact = true }).FillAsync($"Talked about the week ({device}). Priya tried the breathing exercise twice.");
            await note.GetByText("Data, assessment and plan (optional)").ClickAsync();
            await page.GetByLabel("Plan: what happens next").FillAsync("Practise daily; review at the next session.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Draft saved.");
            await Assertions.Expect(page.GetByTestId("note").GetByText("Draft", new() { Exact = true })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Shot($"notes-draft-{device}.png"), FullPage = true });

            await page.GetByRole(AriaRole.Button, new() { Name = "Sign and lock the note" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Note signed and locked.");
            await Assertions.Expect(page.GetByTestId("note-state")).ToContainTextAsync("Signed");
            await Assertions.Expect(page.GetByTestId("note-text")).ToContainTextAsync($"Talked about the week ({device}).");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save draft" })).ToHaveCountAsync(0);

            await page.GetByLabel("Add to the note (it stays as it was signed)").FillAsync($"Priya emailed after the session ({device}): the exercise helped at work.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add addendum" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Addendum added.");
            await Assertions.Expect(page.GetByTestId("addenda")).ToContainTextAsync($"Priya emailed after the session ({device})");
            await Assertions.Expect(page.GetByTestId("note-sessions")).ToContainTextAsync("Signed");
            await page.ScreenshotAsync(new() { Path = Shot($"notes-signed-{device}.png"), FullPage = true });
        }

        var stored = await app.WithDbAsync(db => db.Set<Web.Features.Notes.SessionNote>().Include(n => n.Addenda).Where(n => n.ClientId == priya).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, n => Assert.NotNull(n.SignedAt));
        Assert.All(stored, n => Assert.Single(n.Addenda));
    }

    [Fact]
    public async Task Client_ReadsSignedNotes_OnlyWhenTheClinicShares_AndTheTherapistSeesTheDemoDraft()
    {
        var alex = await ClientIdAsync("alex.morgan@example.test");
        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, Maya);
        await desk.GotoAsync($"/clients/{alex}/notes");
        await Assertions.Expect(desk.GetByTestId("note-sessions")).ToContainTextAsync("Draft");
        await desk.GetByRole(AriaRole.Link, new() { Name = "Edit draft" }).First.ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Button, new() { Name = "Sign and lock the note" })).ToBeVisibleAsync();
        await desk.ScreenshotAsync(new() { Path = Shot("notes-demo-draft-desktop.png"), FullPage = true });

        foreach (var (page, device) in new[] { (await app.PhoneAsync(), "phone"), (await app.DesktopAsync(), "desktop") })
        {
            await BrowserApp.SignInAsync(page, "alex.morgan@example.test");
            await page.GotoAsync("/my");
            await Assertions.Expect(page.GetByTestId("notes-link")).ToHaveCountAsync(0);
            await page.GotoAsync("/my/notes");
            await Assertions.Expect(page.GetByTestId("notes-not-shared")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to my start page" })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Shot($"my-notes-off-{device}.png"), FullPage = true });
        }

        try
        {
            // The clinic's admin opts in on the clinic's settings page.
            var admin = await app.DesktopAsync();
            await BrowserApp.SignInAsync(admin, "admin@demo.ontrack.test");
            await admin.GotoAsync("/admin/clinic");
            await admin.GetByLabel("Clients can read their signed session notes").CheckAsync(new() { Force = true });
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
            await Assertions.Expect(admin.GetByLabel("Clients can read their signed session notes")).ToBeCheckedAsync();
            await admin.ScreenshotAsync(new() { Path = Shot("admin-clinic-notes-setting.png"), FullPage = true });
            Assert.True(await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == OnTrack.Web.Data.DemoClinic.Slug).Select(c => c.ClientsReadSignedNotes).SingleAsync()));

            foreach (var (page, device) in new[] { (await app.PhoneAsync(), "phone"), (await app.DesktopAsync(), "desktop") })
            {
                await BrowserApp.SignInAsync(page, "alex.morgan@example.test");
                await page.GotoAsync("/my");
                await page.GetByTestId("notes-link").ClickAsync();
                await Assertions.Expect(page.GetByTestId("my-note")).ToHaveCountAsync(2); // the draft is not shown
                await Assertions.Expect(page.GetByTestId("my-note").First).ToContainTextAsync("Written by Dr. Maya Chen");
                await page.ScreenshotAsync(new() { Path = Shot($"my-notes-{device}.png"), FullPage = true });
            }
        }
        finally
        {
            await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == OnTrack.Web.Data.DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.ClientsReadSignedNotes, false)));
        }
    }
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class NotesJourneyTestsOnSqlite(SqliteBrowserApp app) : NotesJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class NotesJourneyTestsOnPostgres(PostgresBrowserApp app) : NotesJourneyTests(app);
