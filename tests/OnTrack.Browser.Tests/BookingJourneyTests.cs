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

        // The same page for every address (decision 010): the next step, and the crisis lines a tap away.
        await CheckEmailPageAsync(phone, "book-check-email-phone.png");
        Assert.Equal(0, await App.WithDbAsync(db => db.Participants.CountAsync(p => p.Client!.Email == "robin.phone@example.test")));

        // The email's link confirms the address; signing in returns to the same four sessions, booked on confirming.
        await OpenEmailLinkAndSignInAsync(phone, "robin.phone@example.test", "Phone-booking-2026");
        await Assertions.Expect(phone.GetByRole(AriaRole.List, new() { Name = "Planned sessions" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(4);
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
    public async Task WeeklyTicked_WithoutShowingTheDates_IsShownFirst_AndThenBookedAsChosen()
    {
        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, "jordan.lee@example.test");
        await phone.GotoAsync("/book");
        await phone.GetByRole(AriaRole.Link).Filter(new() { HasText = "A 50-minute one-to-one session." }).ClickAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = "Dr. Maya Chen" }).ClickAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = "Tuesday 3 March 12:00 with Dr. Maya Chen" }).ClickAsync();

        // Tick "every week", set three sessions and go straight to Confirm: nothing is booked yet, the dates are shown.
        await phone.GetByLabel("Every week at this time").CheckAsync();
        await phone.GetByLabel("Number of sessions").FillAsync("3");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Confirm booking" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("You changed how often");
        var planned = phone.GetByRole(AriaRole.List, new() { Name = "Planned sessions" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(planned).ToHaveCountAsync(3);
        Assert.Equal(0, await JordansSessionsAtNoonAsync());
        await phone.ScreenshotAsync(new() { Path = Shot("series-shown-first-phone.png"), FullPage = true });

        await phone.GetByRole(AriaRole.Button, new() { Name = "Confirm all 3 sessions" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "You're booked" })).ToBeVisibleAsync();
        Assert.Equal(3, await JordansSessionsAtNoonAsync());
    }

    [Fact]
    public async Task ClientOnAPhone_MovesAndCancels_OnlyAfterConfirming()
    {
        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, "jordan.lee@example.test");
        await phone.GotoAsync("/my/appointments");
        var booked = await JordansBookedSessionsAsync();

        // Cancel asks first; "No, keep it" keeps it.
        await phone.GetByRole(AriaRole.Link, new() { Name = "Cancel…" }).First.ClickAsync();
        var confirm = phone.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Cancel your session on" });
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("cancel-confirm-phone.png"), FullPage = true });
        await confirm.GetByRole(AriaRole.Link, new() { Name = "No, keep it" }).ClickAsync();
        Assert.Equal(booked, await JordansBookedSessionsAsync());

        // Move: tapping a time only chooses it; the move happens on confirming. The days are named.
        await phone.GetByRole(AriaRole.Link, new() { Name = "Move" }).First.ClickAsync();
        Assert.Equal(booked, await JordansBookedSessionsAsync());
        await Assertions.Expect(phone.Locator("legend").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \\d+ [A-Z][a-z]+$"));
        var before = phone.Url;
        await phone.Locator(".slot-grid label").First.ClickAsync();
        Assert.Equal(before, phone.Url);
        await phone.ScreenshotAsync(new() { Path = Shot("move-choose-phone.png"), FullPage = true });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Move my session to the chosen time" }).ClickAsync();
        await BrowserApp.WaitForUrlAsync(phone, url => url.Contains("/appointments/", StringComparison.Ordinal) && !url.Contains("/move", StringComparison.Ordinal), "moving the appointment");

        // And a cancellation confirmed is one.
        await phone.GotoAsync("/my/appointments");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Cancel…" }).First.ClickAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel this session" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("Cancelled");
        Assert.Equal(booked - 1, await JordansBookedSessionsAsync());
    }

    [Fact]
    public async Task VisitorOnADesktop_BookingWithTheEmailOfAClient_SeesTheSamePage_AndTheOwnerIsEmailed()
    {
        var desk = await app.DesktopAsync();
        await desk.GotoAsync("/book");
        await desk.GetByRole(AriaRole.Link).Filter(new() { HasText = "A 50-minute one-to-one session." }).ClickAsync();
        await desk.GetByRole(AriaRole.Link, new() { Name = "Any suitable therapist" }).ClickAsync();
        await desk.Locator(".slot-grid a").Last.ClickAsync();
        await desk.GetByLabel("Full name").FillAsync("Priya Patel");
        await desk.GetByLabel("Email").FillAsync("priya.patel@example.test");
        await desk.GetByLabel("Choose a password").FillAsync("Someone-else-2026");
        var before = await App.WithDbAsync(db => db.Appointments.CountAsync());
        await desk.GetByRole(AriaRole.Button, new() { Name = "Confirm booking" }).ClickAsync();

        await CheckEmailPageAsync(desk, "book-check-email-desktop.png");
        Assert.Equal(before, await App.WithDbAsync(db => db.Appointments.CountAsync()));
        var email = await App.WithDbAsync(db => db.Outbox.Where(m => m.To == "priya.patel@example.test" && m.Kind == "booking-request").Select(m => m.TextBody).SingleAsync());
        Assert.Contains("nothing has been booked", email, StringComparison.Ordinal);
    }

    private async Task CheckEmailPageAsync(IPage page, string shot)
    {
        await BrowserApp.WaitForUrlAsync(page, url => url.Contains("/book/check-email", StringComparison.Ordinal), "asking to book");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Next steps" })).ToContainTextAsync("Open its link and sign in");
        await Assertions.Expect(page.GetByTestId("crisis-actions").GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Get help now" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot(shot), FullPage = true });
    }

    private async Task OpenEmailLinkAndSignInAsync(IPage page, string email, string password)
    {
        var body = await App.WithDbAsync(db => db.Outbox.Where(m => m.To == email && m.Kind == "booking-request").Select(m => m.TextBody).SingleAsync());
        await page.GotoAsync(new Uri(body.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/Account/ConfirmEmail", StringComparison.Ordinal))).PathAndQuery);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Thank you for confirming your email");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).Last.ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await BrowserApp.WaitForUrlAsync(page, url => url.Contains("/book?", StringComparison.Ordinal), "signing in from the email's link");
    }

    private Task<int> JordansBookedSessionsAsync() => App.WithDbAsync(db => db.Participants
        .CountAsync(p => p.Client!.FullName == "Jordan Lee" && p.Status == ParticipantStatus.Booked && p.Appointment!.Status == AppointmentStatus.Booked));

    private Task<int> JordansSessionsAtNoonAsync() => App.WithDbAsync(db => db.Participants
        .CountAsync(p => p.Client!.FullName == "Jordan Lee" && p.Status == ParticipantStatus.Booked && p.Appointment!.Therapist!.DisplayName == "Dr. Maya Chen"));

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
