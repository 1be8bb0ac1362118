using System.Net;
using System.Net.Http.Json;
using System.Text;
using OnTrack.Web.Data;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Api;

/// <summary>What the API refuses, it refuses in words the caller can act on; what it answers, no cache keeps.</summary>
public abstract class ApiInputTests(OnTrackApp app)
{
    private static void AssertNoInternals(string detail)
    {
        Assert.DoesNotContain("OnTrack.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("$.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Dto", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Request ", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Book_StartWithoutAnOffset_IsRefusedSayingSo_AndBooksNothing()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync("Dr. Maya Chen");
        var before = await app.CountAppointmentsAsync();

        var response = await client.BookAsync(new { serviceId = service.Id, therapistId = maya, start = "2026-03-18T03:00", newClient = Http.NewClient("No Offset") });

        var detail = (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!;
        Assert.Contains("'start'", detail, StringComparison.Ordinal);
        Assert.Contains("UTC offset", detail, StringComparison.Ordinal);
        AssertNoInternals(detail);
        Assert.Equal(before, await app.CountAppointmentsAsync());
    }

    [Fact]
    public async Task ListAppointments_FromWithoutAnOffset_IsRefused()
    {
        var maya = await app.SignInAsync("maya.chen@demo.ontrack.test");
        var response = await maya.GetAsync("/api/appointments?from=2026-03-02T00:00&to=2026-03-03T00:00:00Z");
        Assert.Contains("UTC offset", (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupSession_OutsideTheTherapistsHours_IsRefused()
    {
        var elena = await app.SignInAsync("elena.ruiz@demo.ontrack.test");
        var service = await elena.ServiceAsync("Anxiety skills group");
        var elenaId = await app.TherapistIdAsync("Elena Ruiz");
        var before = await app.CountAppointmentsAsync();

        // Elena works 09–17 on Fridays and not at all on Thursdays.
        foreach (var start in new[] { "2026-03-20T03:00", "2026-03-20T20:00", "2026-03-19T10:00" })
        {
            var response = await elena.PostAsJsonAsync("/api/group-sessions", new { serviceId = service.Id, therapistId = elenaId, start = Phoenix.At(start) }, OnTrackApp.Json);
            await response.ProblemAsync(HttpStatusCode.Conflict);
        }

        Assert.Equal(before, await app.CountAppointmentsAsync());
    }

    [Theory]
    [InlineData("""{"serviceId": "not-a-guid"}""", "serviceId")]
    [InlineData("""{"serviceId": 12, "start": "2026-03-18T10:00:00Z"}""", "serviceId")]
    [InlineData("""{"repeat": "Fortnightly"}""", "repeat")]
    [InlineData("""{"start": """, null)]
    public async Task MalformedBooking_SaysWhatIsWrong_WithoutInternals(string json, string? field)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await app.CreateClient().PostAsync("/api/appointments", content);

        var detail = (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!;
        AssertNoInternals(detail);
        if (field is not null)
        {
            Assert.Contains($"'{field}'", detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MalformedMeasurePlan_SaysWhatIsWrong_WithoutInternals()
    {
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        using var content = new StringContent("""[{"instrumentId": "phq-9", "every": "often"}]""", Encoding.UTF8, "application/json");
        var response = await admin.PutAsync($"/api/clients/{Guid.NewGuid()}/measure-plan", content);

        var detail = (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!;
        AssertNoInternals(detail);
        Assert.Contains("every", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiAnswers_AndPagesForSomeoneSignedIn_AreNeverCached()
    {
        var alex = await app.SignInAsync("alex.morgan@example.test");
        foreach (var response in new[]
        {
            await alex.GetAsync("/api/appointments"),
            await alex.GetAsync($"/api/appointments/{Guid.NewGuid()}"),
            await app.CreateClient().GetAsync("/api/services"),
            await alex.GetAsync("/"),
        })
        {
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage!.RequestUri}: {response.Headers.CacheControl}");
        }
    }
}

public sealed class ApiInputTestsOnSqlite(SqliteApp app) : ApiInputTests(app), IClassFixture<SqliteApp>;

public sealed class ApiInputTestsOnPostgres(PostgresApp app) : ApiInputTests(app), IClassFixture<PostgresApp>;
