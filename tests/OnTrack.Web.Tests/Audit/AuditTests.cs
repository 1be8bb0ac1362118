using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Audit;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Audit;

public abstract class AuditTests(OnTrackApp app)
{
    [Fact]
    public async Task AnAdminsSettingsChangesAndNewStaffRoles_AreAudited()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var adminId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == Web.Data.DemoClinic.AdminEmail).Select(u => u.Id).SingleAsync());
        var clinicId = await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == Web.Data.DemoClinic.Slug).Select(c => c.Id).SingleAsync());
        scope.ServiceProvider.GetRequiredService<Web.Security.Caller>().SetFromPrincipal(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
        [
            new(System.Security.Claims.ClaimTypes.NameIdentifier, adminId), new(System.Security.Claims.ClaimTypes.Name, Web.Data.DemoClinic.AdminEmail),
            new(System.Security.Claims.ClaimTypes.Role, Web.Security.Roles.Admin), new(Web.Security.OnTrackClaims.Clinic, clinicId.ToString()),
        ], "test")));

        var settings = scope.ServiceProvider.GetRequiredService<Web.Features.Clinics.ClinicSettings>();
        var form = (await settings.LoadAsync(CancellationToken.None))!;
        form.RiskEscalationMinutes += 1;
        Assert.Null(await settings.SaveAsync(form, CancellationToken.None));
        var staff = scope.ServiceProvider.GetRequiredService<Web.Features.Staff.StaffAccounts>();
        var email = $"new.colleague.{Guid.NewGuid():N}@demo.ontrack.test";
        Assert.True((await staff.CreateAsync(new Web.Features.Staff.NewStaffMember("New Colleague", email, Web.Security.Roles.Reception, null), CancellationToken.None)).Succeeded);

        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.UserName == Web.Data.DemoClinic.AdminEmail && (e.EntityType == "ClinicSettings" || e.EntityType == "StaffRole")).ToListAsync());
        Assert.Contains(events, e => e.EntityType == "ClinicSettings" && e.Details.Contains("RiskEscalationMinutes", StringComparison.Ordinal));
        Assert.Contains(events, e => e.EntityType == "StaffRole" && e.Details == $"{email} joined as Reception");
    }

    [Fact]
    public async Task ReadingAnAppointment_IsAuditedWithWhoAndWhat()
    {
        var alex = await app.SignInAsync("alex.morgan@example.test");
        var mine = await alex.GetFromJsonAsync<List<AppointmentDto>>("/api/appointments?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z", OnTrackApp.Json);
        var id = mine![0].Id;

        Assert.Equal(HttpStatusCode.OK, (await alex.GetAsync($"/api/appointments/{id}")).StatusCode);

        var read = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == AuditAction.Read && e.EntityType == "Appointment" && e.EntityId == id.ToString()).ToListAsync());
        var audit = Assert.Single(read);
        Assert.Equal("alex.morgan@example.test", audit.UserName);
        Assert.NotNull(audit.UserId);
        Assert.NotNull(audit.ClientId);
        Assert.Equal(app.Clock.GetCurrentInstant(), audit.At);
    }

    [Fact]
    public async Task Booking_WritesCreateEventsForTheAppointmentAndItsClient()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Individual therapy");
        var booked = (await app.BookedAsNewClientAsync(new { serviceId = service.Id, start = Phoenix.At("2026-03-12T15:00"), newClient = Http.NewClient("Audit Trail") })).Booking.Appointments[0];

        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == AuditAction.Create).ToListAsync());
        Assert.Contains(events, e => e.EntityType == "Appointment" && e.EntityId == booked.Id.ToString());
        Assert.Contains(events, e => e.EntityType == "Participant" && e.EntityId == booked.Id.ToString() && e.ClientId != null);
        Assert.Contains(events, e => e.EntityType == "Client" && e.UserName != null && e.UserName.StartsWith("audit.trail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditTrail_IsAppendOnlyInTheDatabase()
    {
        await app.SignInAsync("alex.morgan@example.test");
        var client = await app.SignInAsync("alex.morgan@example.test");
        await client.GetAsync("/api/appointments");

        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"UserName\" = 'someone else'")));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\"")));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync()));
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.UserName == "someone else")));
    }
}

public sealed class AuditTestsOnSqlite(SqliteApp app) : AuditTests(app), IClassFixture<SqliteApp>;

public sealed class AuditTestsOnPostgres(PostgresApp app) : AuditTests(app), IClassFixture<PostgresApp>;
