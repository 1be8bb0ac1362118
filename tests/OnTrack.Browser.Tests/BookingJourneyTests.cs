using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OnTrack.Web.Features.Scheduling;

namespace OnTrack.Browser.Tests;

public abstract class BookingJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task NewClientOnAPhone_BooksAWeeklySeries_AndTheTherapistSeesItOnTheirSchedule()
    {
        var phone = await app.PhoneAsync();
        await phone.GotoAsync("/");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Book a session online" }).ClickAsync();

        await phone.ScreenshotAsync(new() { Path = Shot("book-services-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Link).Filter(new() { HasText = "A 50-minute one-to-one session." }).ClickAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = "Dr. Maya Chen" }).ClickAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("book-slots-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Link, new() { Name = "Tuesday 3 March 09:00 with Dr. Maya Chen" }).ClickAsync();

        await phone.GetByLabel("Every week at this time").CheckAsync();
        await phone.GetByLabel("Number of sessions").FillAsync("4");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Show the dates" }).ClickAsync();
        var planned = phone.GetByRole(AriaRole.List, new() { Name = "Planned sessions" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(planned).ToHaveCountAsync(4);
        await Assertions.Expect(planned.Nth(3)).ToContainTextAsync("Tuesday 24 March 2026, 09:00");
        await Assertions.Expect(planned.Nth(3)).ToContainTextAsync("free");
        await phone.GetByLabel("Full name").FillAsync("Robin Phone");
        await phone.GetByLabel("Email").FillAsync("robin.phone@example.test");
        await phone.GetByLabel("Mobile phone").FillAsync("555 0199");
        await phone.GetByLabel("Choose a password").FillAsync("Phone-booking-2026");
        await phone.ScreenshotAsync(new() { Path = Shot("book-details-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Confirm all 4 sessions" }).ClickAsync();

        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "You're booked" })).ToBeVisibleAsync();
        var sessions = phone.GetByRole(AriaRole.List, new() { Name = "Booked sessions" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(sessions).ToHaveCountAsync(4);
        await Assertions.Expect(sessions.First).ToContainTextAsync("Tuesday 3 March 2026 at 09:00");
        await Assertions.Expect(sessions.Last).ToContainTextAsync("Tuesday 24 March 2026 at 09:00");
        await phone.ScreenshotAsync(new() { Path = Shot("booked-phone.png"), FullPage = true });

        // The therapist signs in and finds the new client on her schedule, every week.
        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, "maya.chen@demo.ontrack.test");
        foreach (var week in new[] { "2026-03-02", "2026-03-16" })
        {
            await desk.GotoAsync($"/schedule?week={week}");
            var tuesday = desk.Locator($"[data-day='{week[..8]}{int.Parse(week[8..], System.Globalization.CultureInfo.InvariantCulture) + 1:00}']");
            await Assertions.Expect(tuesday).ToContainTextAsync("Robin Phone");
            await Assertions.Expect(tuesday).ToContainTextAsync("09:00");
        }

        await desk.ScreenshotAsync(new() { Path = Shot("schedule-therapist.png"), FullPage = true });
    }

    [Fact]
    public async Task SeriesRunningIntoATakenTime_ShowsWhichSessionsAreNotFree_BeforeAnythingIsBooked()
    {
        var phone = await app.PhoneAsync();
        await phone.GotoAsync("/book");
        await phone.GetByRole(AriaRole.Link).Filter(new() { HasText = "A 50-minute one-to-one session." }).ClickAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = "Dr. Maya Chen" }).ClickAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = "Monday 2 March 11:00 with Dr. Maya Chen" }).ClickAsync();

        // Maya is away on Monday 23 March (the demo clinic's conference day, three weeks from now).
        await phone.GetByLabel("Every week at this time").CheckAsync();
        await phone.GetByLabel("Number of sessions").FillAsync("5");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Show the dates" }).ClickAsync();

        var planned = phone.GetByRole(AriaRole.List, new() { Name = "Planned sessions" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(planned).ToHaveCountAsync(5);
        await Assertions.Expect(planned.Nth(3)).ToContainTextAsync("Monday 23 March 2026, 11:00");
        await Assertions.Expect(planned.Nth(3)).ToContainTextAsync("the therapist is away");
        await Assertions.Expect(phone.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot be booked");
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Confirm all 5 sessions" })).ToHaveCountAsync(0);
        await phone.ScreenshotAsync(new() { Path = Shot("series-conflict-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task Client_OpeningAnotherClientsAppointment_SeesNotFound()
    {
        var priyasId = await app.WithDbAsync(db => db.Participants.Where(p => p.Client!.FullName == "Priya Patel" && p.Appointment!.Status == AppointmentStatus.Booked)
            .Select(p => p.AppointmentId).FirstAsync());
        var page = await app.PhoneAsync();
        await BrowserApp.SignInAsync(page, "alex.morgan@example.test");

        var response = await page.GotoAsync($"/appointments/{priyasId}");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Priya");

        // Their own appointment opens normally.
        await page.GotoAsync("/my/appointments");
        await page.ScreenshotAsync(new() { Path = Shot("my-sessions-phone.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = "2026" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Individual therapy" })).ToBeVisibleAsync();
    }
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class BookingJourneyTestsOnSqlite(SqliteBrowserApp app) : BookingJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class BookingJourneyTestsOnPostgres(PostgresBrowserApp app) : BookingJourneyTests(app);
