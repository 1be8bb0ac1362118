using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace OnTrack.Browser.Tests;

public abstract partial class ConfirmEmailJourneyTests(BrowserApp app) : BrowserTest(app)
{
    private const string Email = "casey.phone@example.test";
    private const string Password = "Phone-confirm-2026";

    [Fact]
    public async Task NewClient_WhoSignsInBeforeConfirming_IsToldWhatToDo_AndTheEmailLinkLeadsToTheirBookingAndForms()
    {
        var phone = await app.PhoneAsync();
        await phone.GotoAsync("/book");
        await phone.GetByRole(AriaRole.Link).Filter(new() { HasText = "A 50-minute one-to-one session." }).ClickAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = "Dr. Maya Chen" }).ClickAsync();
        await phone.GetByRole(AriaRole.Link, new() { NameRegex = MayasSlot() }).Last.ClickAsync();
        await phone.GetByLabel("Full name").FillAsync("Casey Phone");
        await phone.GetByLabel("Email").FillAsync(Email);
        await phone.GetByLabel("Mobile phone").FillAsync("555 0142");
        await phone.GetByLabel("Choose a password").FillAsync(Password);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Confirm booking" }).ClickAsync();

        // Nothing is booked yet, and the page says the email has the next step.
        await BrowserApp.WaitForUrlAsync(phone, url => url.Contains("/book/check-email", StringComparison.Ordinal), "asking to book");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("booked-confirm-email-phone.png"), FullPage = true });

        // Signing in before opening the link: it says what is missing.
        await phone.GotoAsync("/my/forms?start=1");
        await phone.GetByLabel("Email").FillAsync(Email);
        await phone.GetByLabel("Password").FillAsync(Password);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Alert).Filter(new() { HasText = "not confirmed yet" })).ToContainTextAsync("sent a new confirmation link");
        await phone.ScreenshotAsync(new() { Path = Shot("sign-in-unconfirmed-phone.png"), FullPage = true });

        // The booking email's link confirms, then sign-in goes on to the chosen time, booked on confirming.
        var body = await app.WithDbAsync(db => db.Outbox.Where(m => m.To == Email && m.Kind == "booking-request").Select(m => m.TextBody).SingleAsync());
        var link = body.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/Account/ConfirmEmail", StringComparison.Ordinal));
        await phone.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(phone.GetByRole(AriaRole.Alert)).ToContainTextAsync("Thank you for confirming your email");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).Last.ClickAsync();
        await phone.GetByLabel("Email").FillAsync(Email);
        await phone.GetByLabel("Password").FillAsync(Password);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Confirm booking" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "You're booked" })).ToBeVisibleAsync();
        await phone.GotoAsync("/my/forms?start=1");

        // The reminder's link opens the first due form (a new client's intake measures).
        await BrowserApp.WaitForUrlAsync(phone, url => url.Contains("/my/forms/", StringComparison.Ordinal), "following the form link");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("WHO-5");
        await phone.ScreenshotAsync(new() { Path = Shot("signed-in-after-confirming-phone.png"), FullPage = true });
    }

    [GeneratedRegex("with Dr\\. Maya Chen$")]
    private static partial Regex MayasSlot();
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class ConfirmEmailJourneyTestsOnSqlite(SqliteBrowserApp app) : ConfirmEmailJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class ConfirmEmailJourneyTestsOnPostgres(PostgresBrowserApp app) : ConfirmEmailJourneyTests(app);
