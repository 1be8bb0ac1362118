using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Scheduling;

public abstract class ClientInvitationTests(OnTrackApp app)
{
    [Fact]
    public async Task Reception_AddsAndInvitesAClient_WhoSetsAPasswordAndSeesTheSessionBookedForThem()
    {
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var email = $"phoned.in.{Guid.NewGuid():N}@example.test";

        var added = await admin.PostAsJsonAsync("/api/clients", new { fullName = "Phoned In", email, phone = "555 0142", invite = true });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var client = await added.ReadAsync<ClientDto>();
        Assert.True(client.HasAccount);

        // Staff book the first session for them.
        var service = await admin.ServiceAsync("Individual therapy");
        var booked = await admin.BookAsync(new { serviceId = service.Id, start = Phoenix.At("2026-03-04T11:00"), clientId = client.Id });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        // The invitation carries a link to choose a password; the client uses it (Identity's reset flow) and signs in.
        var body = await app.WithDbAsync(db => db.Outbox.Where(m => m.To == email && m.Kind == "invitation").Select(m => m.TextBody).SingleAsync());
        var code = body.Split('\n').Single(l => l.Contains("ResetPassword?code=", StringComparison.Ordinal)).Split("code=")[1].Trim();
        await app.WithDbAsync(async db =>
        {
            using var scope = app.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync(email);
            var token = System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(code));
            var reset = await users.ResetPasswordAsync(user!, token, "Chosen-password-2026");
            Assert.True(reset.Succeeded, string.Join(" ", reset.Errors.Select(e => e.Description)));
            return 0;
        });
        var portal = await app.SignInAsync(email, "Chosen-password-2026");
        var mine = await portal.GetFromJsonAsync<List<AppointmentDto>>("/api/appointments?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z", OnTrackApp.Json);
        Assert.Equal(["Phoned In"], Assert.Single(mine!).Clients);
    }

    [Fact]
    public async Task AddingAClient_WithAnEmailAlreadyInUse_IsAConflict()
    {
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var response = await admin.PostAsJsonAsync("/api/clients", new { fullName = "Alex Twice", email = "alex.morgan@example.test", invite = false });
        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Clients_CannotListOrAddClients()
    {
        var alex = await app.SignInAsync("alex.morgan@example.test");
        // Not theirs to use: it answers as if it did not exist.
        await (await alex.GetAsync("/api/clients")).ProblemAsync(HttpStatusCode.NotFound);
        await (await alex.PostAsJsonAsync("/api/clients", new { fullName = "Sneaky", email = "sneaky@example.test", invite = true })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Therapist_AddsAClient_AndCanBookTheirFirstSession()
    {
        var maya = await app.SignInAsync("maya.chen@demo.ontrack.test");
        var added = await (await maya.PostAsJsonAsync("/api/clients", new { fullName = "Referred Rae", email = $"rae.{Guid.NewGuid():N}@example.test", invite = false })).ReadAsync<ClientDto>();

        Assert.Contains((await maya.GetFromJsonAsync<List<ClientDto>>("/api/clients", OnTrackApp.Json))!, c => c.Id == added.Id);
        var service = await maya.ServiceAsync("Individual therapy");
        var booked = await maya.BookAsync(new { serviceId = service.Id, therapistId = await app.TherapistIdAsync("Dr. Maya Chen"), start = Phoenix.At("2026-03-05T12:00"), clientId = added.Id });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        // Another therapist does not see Rae.
        var samuel = await app.SignInAsync("samuel.okafor@demo.ontrack.test");
        Assert.DoesNotContain((await samuel.GetFromJsonAsync<List<ClientDto>>("/api/clients", OnTrackApp.Json))!, c => c.Id == added.Id);
    }

    [Fact]
    public async Task Therapist_SeesOnlyTheirOwnCaseload()
    {
        var samuel = await app.SignInAsync("samuel.okafor@demo.ontrack.test");
        var clients = await samuel.GetFromJsonAsync<List<ClientDto>>("/api/clients", OnTrackApp.Json);
        var samuelId = await app.TherapistIdAsync("Samuel Okafor");
        var his = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.PrimaryTherapistId == samuelId).Select(c => c.FullName).ToListAsync());
        Assert.Contains("Jordan Lee", his);
        Assert.Equal(his.Order(), clients!.Select(c => c.FullName).Order());
        Assert.DoesNotContain("Alex Morgan", clients!.Select(c => c.FullName));
    }
}

public sealed class ClientInvitationTestsOnSqlite(SqliteApp app) : ClientInvitationTests(app), IClassFixture<SqliteApp>;

public sealed class ClientInvitationTestsOnPostgres(PostgresApp app) : ClientInvitationTests(app), IClassFixture<PostgresApp>;
