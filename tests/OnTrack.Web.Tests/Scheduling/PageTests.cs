using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Scheduling;

/// <summary>Pages render for the people who use them, and bad URLs never become a 500.</summary>
public abstract class PageTests(OnTrackApp app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/contact")]
    [InlineData("/help")]
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
    [InlineData("/")]
    [InlineData("/contact")]
    [InlineData("/help")]
    [InlineData("/api/clinic")]
    public async Task HeadRequests_AnswerLikeGet_WithoutABody(string url)
    {
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
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

    /// <summary>
    /// Three people opening the same pages at once, as on a busy morning. On PostgreSQL a page that renders
    /// before its model has loaded, or that shares the request's context across concurrent work, fails
    /// here (SQLite's synchronous queries hide it).
    /// </summary>
    [Theory]
    [InlineData("admin@demo.ontrack.test", "/admin")]
    [InlineData("admin@demo.ontrack.test", "/admin/clinic")]
    [InlineData("admin@demo.ontrack.test", "/admin/services")]
    [InlineData("admin@demo.ontrack.test", "/admin/staff")]
    [InlineData("admin@demo.ontrack.test", "/admin/course")]
    [InlineData("admin@demo.ontrack.test", "/availability")]
    [InlineData("admin@demo.ontrack.test", "/clients")]
    [InlineData("admin@demo.ontrack.test", "/outcomes")]
    [InlineData("maya.chen@demo.ontrack.test", "/schedule")]
    [InlineData("maya.chen@demo.ontrack.test", "/caseload")]
    [InlineData("maya.chen@demo.ontrack.test", "/alerts")]
    [InlineData("maya.chen@demo.ontrack.test", "/availability")]
    [InlineData("maya.chen@demo.ontrack.test", "/clients/{alex}/measures")]
    [InlineData("maya.chen@demo.ontrack.test", "/clients/{alex}/measures?paper=phq-9")]
    [InlineData("maya.chen@demo.ontrack.test", "/clients/{alex}/chart")]
    [InlineData("maya.chen@demo.ontrack.test", "/clients/{alex}/notes")]
    [InlineData("alex.morgan@example.test", "/my/forms")]
    [InlineData("alex.morgan@example.test", "/my/progress")]
    [InlineData("alex.morgan@example.test", "/my/appointments")]
    [InlineData("alex.morgan@example.test", "/my")]
    [InlineData("alex.morgan@example.test", "/my/notes")]
    public async Task SignedInPages_OpenedConcurrently_RenderEveryTime(string email, string url)
    {
        var alex = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.FullName == "Alex Morgan").Select(c => c.Id).SingleAsync());
        url = url.Replace("{alex}", alex.ToString(), StringComparison.Ordinal);
        var users = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.SignInAsync(email)));
        for (var round = 0; round < 4; round++)
        {
            var responses = await Task.WhenAll(users.Select(u => u.GetAsync(url)));
            foreach (var response in responses)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} as {email}: {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Chart_ForAStatusWorkedOutUnderAnotherRule_NamesTheRuleInForceAndSaysSoOnce()
    {
        var alex = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.FullName == "Alex Morgan").Select(c => c.Id).SingleAsync());
        var fitted = await app.WithDbAsync(db => db.CourseModels.AnyAsync(m => m.InstrumentId == "phq-9"));
        var inForce = fitted ? "the clinic's expected course for this intake" : "the rational rule";
        var other = fitted ? "the rational rule" : "the clinic's expected course for this intake";
        await app.WithDbAsync(async db =>
        {
            var last = await db.Responses.Where(r => r.ClientId == alex && r.InstrumentId == "phq-9" && r.CourseStatus != null).OrderByDescending(r => r.CompletedAt).FirstAsync();
            last.CourseRule = fitted ? "rational" : "model";
            return await db.SaveChangesAsync();
        });

        var maya = await app.SignInAsync("maya.chen@demo.ontrack.test");
        var page = System.Net.WebUtility.HtmlDecode(await maya.GetStringAsync($"/clients/{alex}/chart"));

        var line = page.Split('\n').Single(l => l.Contains("data-testid=\"course-phq-9\"", StringComparison.Ordinal));
        Assert.Contains($"latest score against {inForce}", line, StringComparison.Ordinal);
        Assert.Contains($"worked out when the score came in, under {other}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientMeasures_ShowsThePlansLinesAndOneMore_AndOnlyTheCourseStepsThatApply()
    {
        var sam = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.FullName == "Sam Rivera").Select(c => c.Id).SingleAsync());
        var maya = await app.SignInAsync("maya.chen@demo.ontrack.test");
        var page = await maya.GetStringAsync($"/clients/{sam}/measures");

        var lines = System.Text.RegularExpressions.Regex.Matches(page, "name=\"PlanForm.Instrument\\[").Count;
        var plan = await maya.GetFromJsonAsync<OnTrack.Web.Features.Measures.MeasurePlanDto>($"/api/clients/{sam}/measure-plan", OnTrackApp.Json);
        Assert.Equal(plan!.Rules.Count + 1, lines);
        Assert.Contains("Mark as ending", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Reopen the course", page, StringComparison.Ordinal);

        await app.WithDbAsync(async db =>
        {
            var client = await db.ClientRecords.SingleAsync(c => c.Id == sam);
            client.DischargedAt = app.Clock.GetCurrentInstant();
            return await db.SaveChangesAsync();
        });
        page = await maya.GetStringAsync($"/clients/{sam}/measures");
        Assert.Contains("Reopen the course", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Mark as ending", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">Course ended<", page, StringComparison.Ordinal);
        await app.WithDbAsync(async db =>
        {
            var client = await db.ClientRecords.SingleAsync(c => c.Id == sam);
            client.DischargedAt = null;
            return await db.SaveChangesAsync();
        });
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
