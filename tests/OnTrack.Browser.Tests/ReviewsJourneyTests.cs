using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace OnTrack.Browser.Tests;

/// <summary>When therapy isn't working: the client says so on a phone; the therapist reviews it with them and later sees what followed.</summary>
public abstract class ReviewsJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task ClientOnAPhone_SaysThisIsntWorking_AndIsToldWhatHappensNext_WithCrisisHelpOneTapAway()
    {
        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, "jordan.lee@example.test");
        await phone.GotoAsync("/my");
        await phone.GetByTestId("not-working-link").ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "This isn't working for me" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Note).GetByRole(AriaRole.Link, new() { Name = "get help now" })).ToBeVisibleAsync();

        // Sending nothing gets a plain message, not a dead end.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await phone.WaitForLoadStateAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("not-working-empty-phone.png"), FullPage = true });
        await Assertions.Expect(phone.GetByRole(AriaRole.Alert)).ToContainTextAsync("Tick at least one thing");

        await phone.GetByLabel("The pace: it is too slow or too fast").CheckAsync();
        await phone.GetByLabel("More structure and practical tasks").CheckAsync();
        await phone.GetByLabel("In your own words (optional)").FillAsync("I'd like something to practise between sessions.");
        await phone.ScreenshotAsync(new() { Path = Shot("not-working-form-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("what-next")).ToContainTextAsync("has been told");
        await Assertions.Expect(phone.GetByRole(AriaRole.Note).GetByRole(AriaRole.Link, new() { Name = "get help now" })).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("not-working-sent-phone.png"), FullPage = true });

        // A request for a different therapist can go to the clinic instead.
        await phone.GotoAsync("/my/not-working");
        await phone.GetByLabel("A different therapist").CheckAsync();
        await phone.GetByLabel("The clinic's team, not my therapist").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("what-next")).ToContainTextAsync("not your therapist");
        await Assertions.Expect(phone.GetByTestId("earlier-concerns")).ToContainTextAsync("the pace");

        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, "admin@demo.ontrack.test");
        await desk.GotoAsync("/admin/concerns");
        await Assertions.Expect(desk.GetByTestId("admin-concerns")).ToContainTextAsync("Jordan Lee");
        await desk.ScreenshotAsync(new() { Path = Shot("admin-concerns.png"), FullPage = true });
    }

    [Fact]
    public async Task Therapist_OpensAReviewFromTheAlert_SeesTheAreas_RecordsDecisions_AndLaterSeesTheCourseSinceTheChange()
    {
        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, "elena.ruiz@demo.ontrack.test");
        await desk.GotoAsync("/alerts");
        await desk.Locator("a[data-alert-kind='ClientConcern']").Filter(new() { HasText = "Casey Nguyen" }).ClickAsync();
        await desk.GetByTestId("open-review").ClickAsync();
        await Assertions.Expect(desk.GetByLabel("Why now")).ToHaveValueAsync("ClientConcern");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Open the review" }).ClickAsync();

        // The areas, with what OnTrack knows; Casey's falling alliance is flagged.
        var areas = desk.GetByTestId("review-areas");
        await Assertions.Expect(areas.Locator("[data-area='Alliance']")).ToContainTextAsync("Look at this");
        await Assertions.Expect(areas.Locator("[data-area='Attendance']")).ToContainTextAsync("sessions attended");
        await Assertions.Expect(desk.GetByTestId("questionnaire-pending")).ToBeVisibleAsync();
        await desk.ScreenshotAsync(new() { Path = Shot("review-open-desktop.png"), FullPage = true });

        await desk.GetByLabel("What you found together").Nth(4).FillAsync("Casey wants practical tasks to take home.");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Save the findings" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Status)).ToContainTextAsync("Findings saved");
        await desk.GetByLabel("Decision").SelectOptionAsync("MoreStructure");
        await desk.GetByLabel("What exactly").FillAsync("One task to try each week, agreed at the end of the session");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Add the decision" }).ClickAsync();
        await Assertions.Expect(desk.GetByTestId("review-actions")).ToContainTextAsync("More structure and practical tasks");
        await Assertions.Expect(desk.GetByTestId("action-effect")).ToContainTextAsync("Too early to tell");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Complete the review" }).ClickAsync();
        await Assertions.Expect(desk.GetByTestId("review-state")).ToContainTextAsync("completed");
        await desk.ScreenshotAsync(new() { Path = Shot("review-completed-desktop.png"), FullPage = true });

        // Taylor's review, weeks ago: her course since the change, and the therapist keeps it.
        var taylor = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.FullName == "Taylor Brooks").Select(c => c.Id).SingleAsync());
        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, "elena.ruiz@demo.ontrack.test");
        await phone.GotoAsync($"/clients/{taylor}/reviews");
        await phone.GetByRole(AriaRole.Link).Filter(new() { HasText = "not on track" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("action-effect")).ToContainTextAsync("since then");
        await Assertions.Expect(phone.GetByTestId("action-effect")).ToContainTextAsync("not proof");
        await phone.ScreenshotAsync(new() { Path = Shot("review-effect-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Keep this change" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("review-actions")).ToContainTextAsync("Kept");

        // The decision is marked on her charts.
        var chart = await app.DesktopAsync();
        await BrowserApp.SignInAsync(chart, "elena.ruiz@demo.ontrack.test");
        await chart.GotoAsync($"/clients/{taylor}/chart");
        await Assertions.Expect(chart.Locator("section[data-measure='gad-7'] canvas")).ToHaveAttributeAsync("data-drawn", "1");
        await chart.ScreenshotAsync(new() { Path = Shot("chart-review-marker-desktop.png"), FullPage = true });
    }
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class ReviewsJourneyTestsOnSqlite(SqliteBrowserApp app) : ReviewsJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class ReviewsJourneyTestsOnPostgres(PostgresBrowserApp app) : ReviewsJourneyTests(app);
