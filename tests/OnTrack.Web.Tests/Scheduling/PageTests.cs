using System.Net;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Scheduling;

/// <summary>Pages render for the people who use them, and bad URLs never become a 500.</summary>
public abstract class PageTests(OnTrackApp app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/contact")]
    [InlineData("/book")]
    [InlineData("/book?service=not-a-guid&therapist=any&start=tomorrow&sessions=many&repeat=often&group=x&client=y")]
    [InlineData("/book/done?appointment=nope")]
    [InlineData("/Account/Login")]
    [InlineData("/Account/LoginWith2fa?RememberMe=perhaps")]
    [InlineData("/Account/LoginWithRecoveryCode")]
    [InlineData("/Account/ConfirmEmail?userId=nobody&code=abc")]
    [InlineData("/Account/ResetPassword")]
    [InlineData("/appointments/not-a-guid")]
    public async Task PublicPages_RenderAgainAndAgain_WithoutAServerError(string url)
    {
        var client = app.CreateClient();
        for (var i = 0; i < 15; i++)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Found, $"{url}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("/schedule")]
    [InlineData("/admin/clinic")]
    [InlineData("/clients")]
    public async Task StaffPages_ForAClient_AreNotFound(string url)
    {
        var alex = await app.SignInAsync("alex.morgan@example.test");
        var response = await alex.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BookingPages_ForEachService_Render()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Couples therapy");
        var slot = (await client.SlotsAsync(service.Id))[0];

        foreach (var url in new[]
        {
            $"/book?service={service.Id}",
            $"/book?service={service.Id}&therapist=any",
            $"/book?service={service.Id}&therapist={slot.TherapistId}&start={slot.Start.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}",
            $"/book?service={service.Id}&therapist={slot.TherapistId}&start={slot.Start.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}&repeat=TwiceWeekly&sessions=4&second=Friday",
        })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}

public sealed class PageTestsOnSqlite(SqliteApp app) : PageTests(app), IClassFixture<SqliteApp>;

public sealed class PageTestsOnPostgres(PostgresApp app) : PageTests(app), IClassFixture<PostgresApp>;
