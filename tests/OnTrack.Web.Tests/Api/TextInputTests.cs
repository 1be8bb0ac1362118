using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Features.Staff;
using OnTrack.Web.Security;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Api;

/// <summary>Text is checked at the boundary, the same for the API and the forms: control characters and overlong values are refused in words, and nothing is stored.</summary>
public abstract class TextInputTests(OnTrackApp app)
{
    private const string Nul = "\0";

    private Task<int> CountClientsAsync() => app.WithDbAsync(db => db.ClientRecords.CountAsync());

    /// <summary>Runs <paramref name="action"/> as the demo admin, the way a form page does (same services, no HTTP).</summary>
    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        var (userId, clinicId) = await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == DemoClinic.AdminEmail);
            return (user.Id, user.ClinicId);
        });
        await using var scope = app.Services.CreateAsyncScope();
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, DemoClinic.AdminEmail), new Claim(OnTrackClaims.Clinic, clinicId.ToString()), new Claim(ClaimTypes.Role, Roles.Admin)],
            "test"));
        scope.ServiceProvider.GetRequiredService<Caller>().SetFromPrincipal(principal);
        return await action(scope.ServiceProvider);
    }

    [Theory]
    [InlineData("fullName")]
    [InlineData("phone")]
    [InlineData("email")]
    public async Task AddClient_WithANulCharacter_IsRefusedInWords_AndStoresNothing(string field)
    {
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var before = await CountClientsAsync();
        var values = new Dictionary<string, object> { ["fullName"] = "Nul Test", ["email"] = $"nul.{Guid.NewGuid():N}@example.test", ["phone"] = "555-0100", ["invite"] = false };
        values[field] = $"{values[field]}{Nul}x";

        var response = await admin.PostAsJsonAsync("/api/clients", values);

        var detail = (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!;
        Assert.Contains("control character", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("FullName", detail, StringComparison.Ordinal);
        Assert.Equal(before, await CountClientsAsync());
    }

    [Fact]
    public async Task AddClient_WithAHundredThousandCharacterName_IsRefused_AndStoresNothing()
    {
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var before = await CountClientsAsync();

        var response = await admin.PostAsJsonAsync("/api/clients", new { fullName = new string('a', 100_000), email = $"long.{Guid.NewGuid():N}@example.test", invite = false });

        Assert.Contains("at most 200 characters", (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountClientsAsync());
    }

    [Fact]
    public async Task AddClient_FromTheFormWithANulCharacter_IsRefusedTheSameWay()
    {
        var before = await CountClientsAsync();
        var result = await AsAdminAsync(sp => sp.GetRequiredService<ClientInvitations>().AddAsync(new NewClient($"Form{Nul}Client", $"form.{Guid.NewGuid():N}@example.test", null, false), CancellationToken.None));
        Assert.Contains("control character", result.Problem!.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await CountClientsAsync());
    }

    [Fact]
    public async Task Login_WithANulCharacterInTheEmail_IsABadRequest()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = $"admin{Nul}@demo.ontrack.test", password = DemoClinic.Password });
        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/clinic?clinic=%00")]
    [InlineData("/api/clinic?clinic=demo%00x")]
    public async Task AClinicNameWithANulCharacter_IsAClinicNotFound_NotAServerError(string url)
    {
        var problem = await (await app.CreateClient().GetAsync(new Uri(url, UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("The clinic was not found.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/contact?clinic=%00")]
    [InlineData("/book?clinic=x%00")]
    public async Task APageForAClinicNameWithANulCharacter_IsNotAServerError(string url)
    {
        var response = await app.CreateClient().GetAsync(new Uri(url, UriKind.Relative));
        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("newClient")]
    [InlineData("otherClient")]
    public async Task Book_WithANulCharacterInAName_IsRefused_AndBooksNothing(string who)
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Couples therapy");
        var slot = (await client.SlotsAsync(service.Id))[0];
        var before = await app.CountAppointmentsAsync();
        var newClient = new { fullName = who == "newClient" ? $"Nul{Nul}Booker" : "Plain Booker", email = $"nul.booker.{Guid.NewGuid():N}@example.test", password = "Test-password-2026" };
        var other = new { fullName = who == "otherClient" ? $"Nul{Nul}Partner" : "Plain Partner", email = $"nul.partner.{Guid.NewGuid():N}@example.test" };

        var response = await client.BookAsync(new { serviceId = service.Id, therapistId = slot.TherapistId, start = slot.Start, newClient, otherClients = new[] { other } });

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.CountAppointmentsAsync());
    }

    [Fact]
    public async Task AcknowledgeAlert_WithANulCharacterInTheAction_IsRefused()
    {
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var alertId = await app.WithDbAsync(db => db.Alerts.Where(a => a.State == Features.Measures.AlertState.New).Select(a => a.Id).FirstAsync());

        var response = await admin.PostAsJsonAsync($"/api/alerts/{alertId}/acknowledge", new { action = $"Called{Nul} them." });

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(Features.Measures.AlertState.New, await app.WithDbAsync(db => db.Alerts.Where(a => a.Id == alertId).Select(a => a.State).SingleAsync()));
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task TimeOff_OnADateFarAway_IsRefusedInWords(string date)
    {
        var maya = await app.TherapistIdAsync("Dr. Maya Chen");
        var result = await AsAdminAsync(sp => sp.GetRequiredService<AvailabilityAdmin>()
            .AddExceptionAsync(maya, new ExceptionForm { Date = date, Kind = Domain.Scheduling.ExceptionKind.TimeOff }, Phoenix.Zone, CancellationToken.None));
        Assert.Contains("Give a date between", result.Problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClinicSettings_SavedByTwoAdminsAtOnce_BothSaveAndTheHoursStayWhole()
    {
        var form = await AsAdminAsync(sp => sp.GetRequiredService<ClinicSettings>().LoadAsync(CancellationToken.None));
        var problems = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            AsAdminAsync(sp => sp.GetRequiredService<ClinicSettings>().SaveAsync(form!, CancellationToken.None)))));

        Assert.All(problems, Assert.Null);
        var days = await app.WithDbAsync(db => db.OpeningHours.Select(o => new { o.ClinicId, o.Day }).ToListAsync());
        Assert.Equal(days.Count, days.Distinct().Count());
        Assert.Equal(form!.Opens.Count(o => !string.IsNullOrEmpty(o.Value)), days.Count(d => d.ClinicId == days[0].ClinicId));
    }
}

public sealed class TextInputTestsOnSqlite(SqliteApp app) : TextInputTests(app), IClassFixture<SqliteApp>;

public sealed class TextInputTestsOnPostgres(PostgresApp app) : TextInputTests(app), IClassFixture<PostgresApp>;
