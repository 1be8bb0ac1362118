using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Features.Measures;

namespace OnTrack.Browser.Tests;

public abstract class MeasuresJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task ClientOnAPhone_EndorsesPhq9Item9_SeesCrisisResources_AndTheTherapistAcknowledgesTheAlert()
    {
        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, "alex.morgan@example.test");

        // The reminder email's link opens the first due form.
        await phone.GotoAsync("/my/forms?start=1");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Patient Health Questionnaire (PHQ-9)" })).ToBeVisibleAsync();
        var answers = new[] { "Several days", "Several days", "More than half the days", "Several days", "Not at all", "Several days", "Several days", "Not at all", "Several days" };
        for (var i = 0; i < 4; i++)
        {
            await phone.Locator($"fieldset[data-item='{i + 1}']").GetByText(answers[i], new() { Exact = true }).ClickAsync();
        }

        // The phone sleeps and the tab reloads: the answers so far are still there.
        await phone.ReloadAsync();
        await Assertions.Expect(phone.Locator("fieldset[data-item='3']").GetByLabel("More than half the days", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(phone.GetByText("4 of 10 answered")).ToBeVisibleAsync();

        for (var i = 4; i < answers.Length; i++)
        {
            await phone.Locator($"fieldset[data-item='{i + 1}']").GetByText(answers[i], new() { Exact = true }).ClickAsync();
        }

        await phone.ScreenshotAsync(new() { Path = Shot("phq9-form-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var crisis = phone.GetByTestId("crisis");
        await Assertions.Expect(crisis).ToBeVisibleAsync();
        await Assertions.Expect(crisis).ToContainTextAsync("988");
        // Tap to call and tap to text, first in the crisis box, in the words of PHQ-9 item 9's own rule.
        await Assertions.Expect(crisis.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", "tel:988");
        await Assertions.Expect(crisis.GetByRole(AriaRole.Link, new() { Name = "Text the crisis line: 988" })).ToHaveAttributeAsync("href", "sms:988");
        await Assertions.Expect(crisis).ToContainTextAsync("better off dead");
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Next form") })).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("phq9-crisis-phone.png"), FullPage = true });

        // The therapist finds a high-priority alert on her dashboard and acknowledges it with what she did.
        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, "maya.chen@demo.ontrack.test");
        await desk.GotoAsync("/caseload");
        var alex = desk.Locator("tr[data-client='Alex Morgan']");
        await Assertions.Expect(alex).ToHaveAttributeAsync("data-status", "Red");
        await Assertions.Expect(alex).ToContainTextAsync("risk");
        await desk.ScreenshotAsync(new() { Path = Shot("caseload-therapist.png"), FullPage = true });

        await desk.GotoAsync("/alerts");
        var riskAlert = desk.GetByRole(AriaRole.Link).Filter(new() { HasText = "Alex Morgan" }).Filter(new() { HasText = "item 9" });
        await Assertions.Expect(riskAlert).ToHaveCountAsync(1);
        await desk.ScreenshotAsync(new() { Path = Shot("alerts-therapist.png"), FullPage = true });
        await riskAlert.ClickAsync();
        await desk.GetByLabel("What did you do? (required)").FillAsync("Phoned Alex at 08:40; safe; safety plan reviewed; session today as planned.");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(desk.GetByTestId("alert-state")).ToHaveTextAsync("Acknowledged");
        await desk.ScreenshotAsync(new() { Path = Shot("alert-acknowledged.png"), FullPage = true });

        var stored = await app.WithDbAsync(db => db.Alerts.Where(a => a.Client!.FullName == "Alex Morgan" && a.Kind == AlertKind.Risk).ToListAsync());
        var alert = Assert.Single(stored);
        Assert.Equal(AlertState.Acknowledged, alert.State);
        Assert.Equal(1, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Kind == "risk-alert" && m.TextBody.Contains(alert.Id.ToString()))));
    }

    [Fact]
    public async Task TherapistChart_ShowsEachMeasureWithItsBands_AndTheClientSeesTheirsInPlainWords()
    {
        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, "maya.chen@demo.ontrack.test");
        var priya = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.FullName == "Priya Patel").Select(c => c.Id).SingleAsync());
        await desk.GotoAsync($"/clients/{priya}/chart");
        var phq = desk.Locator("section[data-measure='phq-9']");
        await Assertions.Expect(phq).ToContainTextAsync("reliable deterioration");
        await Assertions.Expect(phq.Locator("canvas[data-drawn='1']")).ToHaveCountAsync(1);
        await desk.WaitForFunctionAsync("() => window.Chart && Object.keys(window.Chart.instances).length >= 3");
        await phq.Locator("summary").ClickAsync();
        await Assertions.Expect(phq.Locator("table")).ToContainTextAsync("Thoughts that you would be better off dead");
        await desk.ScreenshotAsync(new() { Path = Shot("chart-therapist.png"), FullPage = true });

        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, "jordan.lee@example.test");
        await phone.GotoAsync("/my/progress");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Mood (PHQ-9)" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByTestId("summary-gad-7")).ToContainTextAsync("real improvement");
        await phone.WaitForFunctionAsync("() => window.Chart && Object.keys(window.Chart.instances).length >= 2");
        await phone.ScreenshotAsync(new() { Path = Shot("progress-client-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task StaffHandTheTabletToAClient_WhoSeesOnlyTheirForms_AndItLocksWhenTheyAreDone()
    {
        var tablet = await app.PhoneAsync();
        // Elena and Taylor: the chart test reads Priya's (Maya's client's) course, which the kiosk's answers would change.
        await BrowserApp.SignInAsync(tablet, "elena.ruiz@demo.ontrack.test");
        var taylor = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.FullName == "Taylor Brooks").Select(c => c.Id).SingleAsync());
        await tablet.GotoAsync($"/clients/{taylor}/measures");
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Hand the tablet to Taylor Brooks" }).ClickAsync();

        await Assertions.Expect(tablet.GetByRole(AriaRole.Heading, new() { Name = "Check-in forms" })).ToBeVisibleAsync();
        await tablet.ScreenshotAsync(new() { Path = Shot("kiosk-start.png"), FullPage = true });
        await tablet.GetByRole(AriaRole.Link, new() { Name = "Start" }).ClickAsync();
        var sent = 0;
        for (var form = 0; form < 6; form++)
        {
            await tablet.Locator("fieldset[data-item]").First.WaitForAsync();
            foreach (var item in await tablet.Locator("fieldset[data-item]").AllAsync())
            {
                var scale = await item.Locator(".ot-scale").CountAsync() > 0;
                await (scale ? item.Locator("label").Last : item.Locator("label").First).ClickAsync();
            }

            await tablet.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            await tablet.WaitForLoadStateAsync();
            sent++;
            var next = tablet.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Next form") });
            try
            {
                await Assertions.Expect(tablet.GetByRole(AriaRole.Heading, new() { Name = "Thank you — sent" })).ToBeVisibleAsync();
            }
            catch (PlaywrightException)
            {
                await tablet.ScreenshotAsync(new() { Path = Shot("kiosk-failed.png"), FullPage = true });
                throw;
            }
            if (await next.CountAsync() == 0)
            {
                break;
            }

            await next.ClickAsync();
            await tablet.GetByRole(AriaRole.Link, new() { Name = "Start" }).ClickAsync();
        }

        await Assertions.Expect(tablet.GetByText("This tablet is now locked")).ToBeVisibleAsync();
        await tablet.ScreenshotAsync(new() { Path = Shot("kiosk-locked.png"), FullPage = true });
        Assert.True(sent >= 3, $"{sent} forms sent");
        Assert.Equal(sent, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.ClientId == taylor && r.Source == ResponseSource.Kiosk)));

        // Locked: the kiosk shows nothing more, and the therapist was signed out of the tablet.
        await tablet.GotoAsync("/kiosk");
        await Assertions.Expect(tablet.GetByRole(AriaRole.Heading, new() { Name = "This tablet is locked" })).ToBeVisibleAsync();
        await tablet.GotoAsync("/caseload");
        await BrowserApp.WaitForUrlAsync(tablet, url => url.Contains("/Account/Login", StringComparison.Ordinal), "leaving the kiosk");
    }

    [Fact]
    public async Task TherapistTypesInAPaperFormWithABlank_AndItem9Endorsed_ItIsSavedAndAlerted()
    {
        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, "elena.ruiz@demo.ontrack.test");
        var casey = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.FullName == "Casey Nguyen").Select(c => c.Id).SingleAsync());
        await desk.GotoAsync($"/clients/{casey}/measures?paper=phq-9");
        foreach (var item in new[] { 1, 2, 4, 5, 6, 7, 8 })
        {
            await desk.Locator($"fieldset[data-item='{item}']").GetByText("Several days", new() { Exact = true }).ClickAsync();
        }

        // Item 3 was left blank on paper; item 9 is endorsed.
        await desk.Locator("fieldset[data-item='9']").GetByText("Several days", new() { Exact = true }).ClickAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Save paper form" }).ClickAsync();

        var status = desk.GetByRole(AriaRole.Status);
        await Assertions.Expect(status).ToContainTextAsync("no total");
        await Assertions.Expect(status).ToContainTextAsync("a risk item was endorsed; an alert has been raised");
        await desk.ScreenshotAsync(new() { Path = Shot("paper-blank-risk.png"), FullPage = true });
        await desk.GotoAsync("/alerts");
        await Assertions.Expect(desk.GetByRole(AriaRole.Link).Filter(new() { HasText = "Casey Nguyen" }).Filter(new() { HasText = "item 9" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task TherapistTypesInAPaperForm_FarOffTheExpectedCourse_AndSeesTheClientRedWithTheExpectedBand()
    {
        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, "maya.chen@demo.ontrack.test");
        var sam = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.FullName == "Sam Rivera").Select(c => c.Id).SingleAsync());
        await desk.GotoAsync($"/clients/{sam}/measures?paper=phq-9");
        for (var item = 1; item <= 10; item++)
        {
            var answer = item == 9 ? "Not at all" : item == 10 ? "Very difficult" : "Nearly every day";
            await desk.Locator($"fieldset[data-item='{item}']").GetByText(answer, new() { Exact = true }).ClickAsync();
        }

        await desk.GetByRole(AriaRole.Button, new() { Name = "Save paper form" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved: Patient Health Questionnaire (PHQ-9) 24");

        await desk.GotoAsync("/caseload");
        var row = desk.Locator("tr[data-client='Sam Rivera']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Red");

        await desk.GotoAsync($"/clients/{sam}/chart");
        await Assertions.Expect(desk.GetByTestId("course-phq-9")).ToContainTextAsync("Not on track");
        await Assertions.Expect(desk.GetByTestId("course-phq-9")).ToContainTextAsync("expected course");
        await Assertions.Expect(desk.GetByRole(AriaRole.Link).Filter(new() { HasText = "Not on track" })).ToHaveCountAsync(1);
        var spec = await desk.Locator("section[data-measure='phq-9'] canvas").GetAttributeAsync("data-chart");
        Assert.Contains("\"expected\":[{", spec, StringComparison.Ordinal);
        await desk.WaitForFunctionAsync("() => window.Chart && Object.keys(window.Chart.instances).length >= 3");
        await desk.Locator("section[data-measure='phq-9']").ScreenshotAsync(new() { Path = Shot("chart-expected-band.png") });
        await desk.ScreenshotAsync(new() { Path = Shot("chart-not-on-track.png"), FullPage = true });

        await desk.GotoAsync("/Account/Logout");
        var admin = await app.DesktopAsync();
        await BrowserApp.SignInAsync(admin, "admin@demo.ontrack.test");
        await admin.GotoAsync("/admin/course");
        await Assertions.Expect(admin.GetByTestId("rule-phq-9")).ToContainTextAsync("expected course fitted");
        await Assertions.Expect(admin.GetByTestId("rule-who-5")).ToContainTextAsync("rational rule");
        await admin.WaitForFunctionAsync("() => window.Chart && Object.keys(window.Chart.instances).length >= 2");
        await admin.ScreenshotAsync(new() { Path = Shot("admin-expected-courses.png"), FullPage = true });
    }
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class MeasuresJourneyTestsOnSqlite(SqliteBrowserApp app) : MeasuresJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class MeasuresJourneyTestsOnPostgres(PostgresBrowserApp app) : MeasuresJourneyTests(app);
