using Microsoft.Playwright;
using OnTrack.Web.Data;

namespace OnTrack.Browser.Tests;

/// <summary>The navigation fits every screen, for every role; crisis help is one tap away for clients.</summary>
public abstract class LayoutJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Theory]
    [InlineData("admin@demo.ontrack.test", "admin")]
    [InlineData("maya.chen@demo.ontrack.test", "therapist")]
    [InlineData("alex.morgan@example.test", "client")]
    public async Task Navigation_OnADesktop_FitsOnOneLine_WithSignOutInTheAccountMenu(string email, string role)
    {
        var desk = await app.DesktopAsync();
        await BrowserApp.SignInAsync(desk, email);
        await desk.GotoAsync("/contact");

        var bar = desk.Locator("header nav");
        var height = (await bar.BoundingBoxAsync())!.Height;
        Assert.True(height < 80, $"the {role}'s navigation is {height}px high: it wraps");
        var links = desk.Locator("header .ot-nav-wide > li");
        foreach (var link in await links.AllAsync())
        {
            var box = (await link.BoundingBoxAsync())!;
            Assert.True(box.X + box.Width <= 1280, $"a {role} navigation item ends at {box.X + box.Width}px, off the screen");
        }

        await desk.Locator("header .ot-account summary").ClickAsync();
        await Assertions.Expect(desk.Locator("header .ot-account").GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await app.CheckAccessibilityAsync(desk);
        await desk.ScreenshotAsync(new() { Path = Shot($"nav-{role}-desktop.png") });
    }

    [Theory]
    [InlineData("admin@demo.ontrack.test", "admin")]
    [InlineData("alex.morgan@example.test", "client")]
    public async Task Navigation_OnAPhone_IsOneMenu_AndClientsHaveCrisisHelpOneTapAway(string email, string role)
    {
        var phone = await app.PhoneAsync();
        await BrowserApp.SignInAsync(phone, email);
        if (role == "client")
        {
            // Signing in lands a client on their own start page: next session, check-in, progress, help.
            await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Welcome back" })).ToBeVisibleAsync();
            await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Your next session" })).ToBeVisibleAsync();
            await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "My progress" }).Last).ToBeVisibleAsync();
            await phone.ScreenshotAsync(new() { Path = Shot("client-home-phone.png"), FullPage = true });
        }

        await phone.GotoAsync(role == "client" ? "/my/progress" : "/schedule");

        var bar = (await phone.Locator("header nav").BoundingBoxAsync())!;
        Assert.True(bar.Height < 80, $"the {role}'s phone header is {bar.Height}px high: it wraps");
        var help = phone.GetByRole(AriaRole.Link, new() { Name = "Get help now" });
        if (role == "client")
        {
            await help.ClickAsync();
            var call = phone.GetByRole(AriaRole.Link, new() { Name = "Call 988 Suicide & Crisis Lifeline" });
            await Assertions.Expect(call).ToHaveAttributeAsync("href", "tel:988");
            await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Text the crisis line: 988" })).ToHaveAttributeAsync("href", "sms:988");
            await phone.ScreenshotAsync(new() { Path = Shot("help-client-phone.png"), FullPage = true });
        }
        else
        {
            await Assertions.Expect(help).ToHaveCountAsync(0);
        }

        await phone.Locator("header .ot-menu summary").ClickAsync();
        await Assertions.Expect(phone.Locator("header .ot-menu").GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await app.CheckAccessibilityAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Shot($"nav-{role}-phone.png") });
    }
}

[Collection(SqliteBrowserCollection.Name)]
public sealed class LayoutJourneyTestsOnSqlite(SqliteBrowserApp app) : LayoutJourneyTests(app);

[Collection(PostgresBrowserCollection.Name)]
public sealed class LayoutJourneyTestsOnPostgres(PostgresBrowserApp app) : LayoutJourneyTests(app);
