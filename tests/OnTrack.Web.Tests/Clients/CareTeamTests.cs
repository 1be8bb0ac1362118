using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Audit;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Clients;

public abstract class CareTeamTests(OnTrackApp app)
{
    private const string Maya = "maya.chen@demo.ontrack.test";
    private const string Elena = "elena.ruiz@demo.ontrack.test";
    private const string Samuel = "samuel.okafor@demo.ontrack.test";

    [Fact]
    public async Task ABookingWithSomeoneElsesClient_ShowsOnlyTheSchedule_AndCancellingItEndsEvenThat()
    {
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var client = await AddClientAsync(admin, "Carey Cancelled");
        await BookAsync(admin, client, "Dr. Maya Chen", "2026-04-27T09:00");
        var oneOff = await BookAsync(admin, client, "Elena Ruiz", "2026-04-29T09:00");

        // Elena sees who the client is for her session, not their clinical record.
        var elena = await app.SignInAsync(Elena);
        Assert.Contains(await elena.GetFromJsonAsync<List<ClientDto>>("/api/clients", OnTrackApp.Json) ?? [], c => c.Id == client);
        await (await elena.GetAsync($"/api/clients/{client}/responses")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.Denied && e.ClientId == client && e.UserName == Elena)));

        // The booking is cancelled: she no longer sees the client at all; the team's history keeps the row.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/appointments/{oneOff}/cancel", null)).StatusCode);
        Assert.DoesNotContain(await elena.GetFromJsonAsync<List<ClientDto>>("/api/clients", OnTrackApp.Json) ?? [], c => c.Id == client);
        await (await elena.GetAsync($"/api/clients/{client}/care-team")).ProblemAsync(HttpStatusCode.NotFound);
        var team = await admin.GetFromJsonAsync<List<CareTeamMemberDto>>($"/api/clients/{client}/care-team", OnTrackApp.Json);
        Assert.Contains(team!, m => m.Therapist == "Dr. Maya Chen" && m.Role == CareTeamRole.Primary && m.Until is null);
        Assert.Contains(team!, m => m.Therapist == "Elena Ruiz" && m.Access == CareTeamAccess.Schedule && m.Until is not null);
    }

    [Fact]
    public async Task AnAdminMovesAClientToANewTherapist_WhoSeesTheHistoryAndTheAlerts_WhileTheFormerOneNoLongerSeesAnything()
    {
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var client = await AddClientAsync(admin, "Toni Transfer");
        var thursday = await BookAsync(admin, client, "Dr. Maya Chen", "2026-03-05T16:00");
        var monday = await BookAsync(admin, client, "Dr. Maya Chen", "2026-04-20T13:00");
        var tuesday = await BookAsync(admin, client, "Dr. Maya Chen", "2026-04-21T13:00");

        // Maya types in a paper PHQ-9 with item 9 endorsed: a risk alert for her.
        var maya = await app.SignInAsync(Maya);
        var submitted = await maya.PostAsJsonAsync("/api/responses", new { clientId = client, instrumentId = "phq-9", answers = Answers(1, 1, 1, 1, 1, 1, 1, 1, 1) }, OnTrackApp.Json);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var elenaId = await app.TherapistIdAsync("Elena Ruiz");
        var mayaId = await app.TherapistIdAsync("Dr. Maya Chen");

        var moved = await admin.PostAsJsonAsync($"/api/clients/{client}/transfer", new { toTherapistId = elenaId, reason = "poorFit", note = "Prefers a more directive approach", clientConsented = true }, OnTrackApp.Json);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var result = await moved.ReadAsync<TransferResult>();
        Assert.Equal(mayaId, result.FromTherapistId);
        Assert.Null(result.FormerReadOnlyUntil);

        // Elena works Mondays, not Tuesdays or Thursdays: the Monday session is hers, the others are cancelled.
        var sessions = await app.WithDbAsync(db => db.Appointments.Where(a => a.Id == thursday || a.Id == monday || a.Id == tuesday).ToDictionaryAsync(a => a.Id));
        Assert.Equal((elenaId, AppointmentStatus.Booked), (sessions[monday].TherapistId, sessions[monday].Status));
        Assert.Equal(AppointmentStatus.Cancelled, sessions[thursday].Status);
        Assert.Equal(AppointmentStatus.Cancelled, sessions[tuesday].Status);
        Assert.Single(result.Moved);
        Assert.Equal(2, result.Cancelled.Count);

        // The history and the open alert are Elena's now; Maya's access has ended.
        var elena = await app.SignInAsync(Elena);
        Assert.Single(await elena.GetFromJsonAsync<List<ResponseDto>>($"/api/clients/{client}/responses", OnTrackApp.Json) ?? []);
        var alerts = await elena.GetFromJsonAsync<List<AlertDto>>($"/api/alerts?clientId={client}", OnTrackApp.Json);
        Assert.Equal(AlertKind.Risk, Assert.Single(alerts!).Kind);
        await (await maya.GetAsync($"/api/clients/{client}/responses")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await maya.GetFromJsonAsync<List<AlertDto>>($"/api/alerts?clientId={client}", OnTrackApp.Json) ?? []);
        Assert.DoesNotContain(await maya.GetFromJsonAsync<List<CaseloadRow>>("/api/caseload", OnTrackApp.Json) ?? [], r => r.ClientId == client);

        // The client is told; the change is in the audit trail with its reason.
        var email = await app.WithDbAsync(db => db.Outbox.Where(m => m.Kind == "care-transfer" && m.To.StartsWith("toni.transfer")).Select(m => m.TextBody).SingleAsync());
        Assert.Contains("Your therapist at OnTrack Demo Clinic is now Elena Ruiz", email, StringComparison.Ordinal);
        Assert.Contains("cancelled", email, StringComparison.Ordinal);
        var team = await app.WithDbAsync(db => db.CareTeamMembers.Where(m => m.ClientId == client && m.Source == CareTeamSource.Transfer).SingleAsync());
        Assert.Contains("poor fit", team.Note, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.EntityType == nameof(CareTeamMember) && e.ClientId == client && e.Action == AuditAction.Create && e.UserName == DemoClinic.AdminEmail)));
    }

    [Fact]
    public async Task ATherapistMovesTheirClient_OnlyWithConsent_AndKeepsReadOnlyAccessForTheClinicsPeriod()
    {
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var client = await AddClientAsync(admin, "Robin Readonly");
        await BookAsync(admin, client, "Dr. Maya Chen", "2026-04-27T11:00");
        var samuelId = await app.TherapistIdAsync("Samuel Okafor");
        await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.FormerTherapistReadOnlyDays, 14)));
        try
        {
            var samuel = await app.SignInAsync(Samuel);
            await (await samuel.PostAsJsonAsync($"/api/clients/{client}/transfer", new { toTherapistId = samuelId, reason = "clientRequest", clientConsented = true }, OnTrackApp.Json))
                .ProblemAsync(HttpStatusCode.NotFound);

            var maya = await app.SignInAsync(Maya);
            await (await maya.PostAsJsonAsync($"/api/clients/{client}/transfer", new { toTherapistId = samuelId, reason = "clientRequest", clientConsented = false }, OnTrackApp.Json))
                .ProblemAsync(HttpStatusCode.UnprocessableEntity);
            var moved = await maya.PostAsJsonAsync($"/api/clients/{client}/transfer", new { toTherapistId = samuelId, reason = "clientRequest", clientConsented = true }, OnTrackApp.Json);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            Assert.Equal(app.Clock.GetCurrentInstant().Plus(NodaTime.Duration.FromDays(14)).ToDateTimeOffset(), (await moved.ReadAsync<TransferResult>()).FormerReadOnlyUntil);

            // Maya still reads the record, but changes nothing; Samuel does both.
            Assert.Equal(HttpStatusCode.OK, (await maya.GetAsync($"/api/clients/{client}/responses")).StatusCode);
            await (await maya.PutAsJsonAsync($"/api/clients/{client}/measure-plan", Array.Empty<object>())).ProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.OK, (await samuel.PutAsJsonAsync($"/api/clients/{client}/measure-plan", Array.Empty<object>())).StatusCode);

            // After the period, nothing.
            app.Clock.Advance(NodaTime.Duration.FromDays(15));
            await (await maya.GetAsync($"/api/clients/{client}/responses")).ProblemAsync(HttpStatusCode.NotFound);
            app.Clock.Advance(NodaTime.Duration.FromDays(-15));
        }
        finally
        {
            await app.WithDbAsync(db => db.Clinics.Where(c => c.Slug == DemoClinic.Slug).ExecuteUpdateAsync(s => s.SetProperty(c => c.FormerTherapistReadOnlyDays, 0)));
        }
    }

    [Fact]
    public async Task TheAuditTrail_IsSearchableByAdmins_AndAClientSeesWhoOpenedTheirRecord()
    {
        var alexId = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.Email == "alex.morgan@example.test").Select(c => c.Id).SingleAsync());
        var maya = await app.SignInAsync(Maya);
        Assert.Equal(HttpStatusCode.OK, (await maya.GetAsync($"/api/clients/{alexId}/progress")).StatusCode);
        var samuel = await app.SignInAsync(Samuel);
        await (await samuel.GetAsync($"/api/clients/{alexId}/progress")).ProblemAsync(HttpStatusCode.NotFound);

        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var denied = await admin.GetFromJsonAsync<AuditPageDto>($"/api/audit?clientId={alexId}&action=denied", OnTrackApp.Json);
        Assert.Contains(denied!.Events, e => e.UserName == Samuel && e.EntityType == "Client");
        Assert.All(denied.Events, e => Assert.Equal(AuditAction.Denied, e.Action));
        var paged = await admin.GetFromJsonAsync<AuditPageDto>($"/api/audit?clientId={alexId}&pageSize=1&page=2", OnTrackApp.Json);
        Assert.Single(paged!.Events);
        Assert.True(paged.Total > 1);
        await (await admin.GetAsync("/api/audit?pageSize=1000")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.False((await maya.GetAsync("/api/audit")).IsSuccessStatusCode);

        var alex = await app.SignInAsync("alex.morgan@example.test");
        var log = await alex.GetFromJsonAsync<List<RecordAccessDto>>($"/api/clients/{alexId}/access-log", OnTrackApp.Json);
        Assert.Contains(log!, a => a.Who == "Dr. Maya Chen" && a.Role == "therapist");
        Assert.DoesNotContain(log!, a => a.Who == "Samuel Okafor");
        await (await maya.GetAsync($"/api/clients/{alexId}/access-log")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SignIns_AndFailedSignIns_AreAudited()
    {
        var before = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.EntityType == "SignIn").CountAsync());
        await app.CreateClient().LoginApiAsync("priya.patel@example.test", "not her password", HttpStatusCode.Unauthorized);
        await app.SignInAsync("priya.patel@example.test");

        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.EntityType == "SignIn").OrderBy(e => e.Id).Skip(before).ToListAsync());
        Assert.Contains(events, e => e.Action == AuditAction.SignInFailed && e.UserName == "priya.patel@example.test" && e.UserId != null);
        Assert.Contains(events, e => e.Action == AuditAction.SignIn && e.UserName == "priya.patel@example.test");
    }

    private static Dictionary<string, string?> Answers(params int[] items) =>
        items.Select((v, i) => ((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)v.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(x => x.Item1, x => x.Item2);

    private static async Task<Guid> AddClientAsync(HttpClient admin, string name)
    {
        var added = await admin.PostAsJsonAsync("/api/clients", new { fullName = name, email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@example.test", invite = false });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return (await added.ReadAsync<ClientDto>()).Id;
    }

    private async Task<Guid> BookAsync(HttpClient admin, Guid client, string therapist, string local)
    {
        var service = await admin.ServiceAsync("Individual therapy");
        var booked = await admin.BookAsync(new { serviceId = service.Id, therapistId = await app.TherapistIdAsync(therapist), start = Phoenix.At(local), clientId = client });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        return Assert.Single((await booked.ReadAsync<BookingResponse>()).Appointments).Id;
    }
}

public sealed class CareTeamTestsOnSqlite(SqliteApp app) : CareTeamTests(app), IClassFixture<SqliteApp>;

public sealed class CareTeamTestsOnPostgres(PostgresApp app) : CareTeamTests(app), IClassFixture<PostgresApp>;
