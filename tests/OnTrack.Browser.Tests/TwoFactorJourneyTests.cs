using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OnTrack.Web.Data;
using OnTrack.Web.Security;

namespace OnTrack.Browser.Tests;

public abstract class TwoFactorJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task WhenTheClinicRequiresIt_StaffMustEnrolAnAuthenticator_AndThenSignInWithIt()
    {
        await SetClinicRuleAsync(true);
        try
        {
            var page = await app.DesktopAsync();
            await BrowserApp.SignInAsync(page, "samuel.okafor@demo.ontrack.test");

            // Straight to enrolment, whatever page they ask for.
            await page.GotoAsync("/schedule");
            Assert.Contains("/Account/Manage/EnableAuthenticator", page.Url, StringComparison.Ordinal);
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your clinic asks staff");
            await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Shot("enrol-2fa.png"), FullPage = true });

            var key = await page.Locator("kbd").First.InnerTextAsync();
            // Codes follow the app's clock; each is accepted once, so signing in later takes the next one.
            var step = Totp.Step(app.Clock.GetCurrentInstant());
            await page.GetByLabel("Verification Code").FillAsync(Totp.Code(key, step));
            await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Your authenticator app has been verified");

            await page.GotoAsync("/schedule");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Schedule – Samuel Okafor" })).ToBeVisibleAsync();

            // Next time, the password alone is not enough.
            var again = await app.DesktopAsync();
            await again.GotoAsync("/Account/Login");
            await again.GetByLabel("Email").FillAsync("samuel.okafor@demo.ontrack.test");
            await again.GetByLabel("Password").FillAsync(DemoClinic.Password);
            await again.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
            await again.GetByLabel("Authenticator code").FillAsync(Totp.Code(key, step + 1));
            await again.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
            await again.GotoAsync("/schedule");
            await Assertions.Expect(again.GetByRole(AriaRole.Heading, new() { Name = "Schedule – Samuel Okafor" })).ToBeVisibleAsync();
        }
        finally
        {
            await SetClinicRuleAsync(false);
        }
    }

    private Task<int> SetClinicRuleAsync(bool required) =>
        app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.RequireStaffTwoFactor, required)));
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class TwoFactorJourneyTestsOnSqlite(SqliteBrowserApp app) : TwoFactorJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class TwoFactorJourneyTestsOnPostgres(PostgresBrowserApp app) : TwoFactorJourneyTests(app);
