using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Scheduling;

/// <summary>A group member learns nothing about who else is in the group.</summary>
public abstract class GroupPrivacyTests(OnTrackApp app)
{
    [Fact]
    public async Task JoinAndLeaveGroup_AsClient_AnswerNamesOnlyThemself()
    {
        // The demo group meets on Wednesdays at 16:00; three clients have joined its first sessions.
        var start = Instant.FromDateTimeOffset(Phoenix.At("2026-03-11T16:00"));
        var groupId = await app.WithDbAsync(db => db.Appointments.Where(a => a.Start == start && a.Service!.Format == SessionFormat.Group).Select(a => a.Id).SingleAsync());
        var members = await app.WithDbAsync(db => db.Participants.Where(p => p.AppointmentId == groupId).Select(p => p.Client!.FullName).ToListAsync());
        Assert.NotEmpty(members);
        var jordan = await app.SignInAsync("jordan.lee@example.test");

        var joined = await jordan.PostAsync($"/api/group-sessions/{groupId}/join", null);
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal(["Jordan Lee"], (await joined.ReadAsync<AppointmentDto>()).Clients);

        var left = await jordan.PostAsync($"/api/appointments/{groupId}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        var body = await left.Content.ReadAsStringAsync();
        Assert.All(members, m => Assert.DoesNotContain(m, body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task JoinGroup_AtTheTimeOfTheClientsOtherSession_IsAConflict()
    {
        var elena = await app.SignInAsync("elena.ruiz@demo.ontrack.test");
        var service = await elena.ServiceAsync("Anxiety skills group");
        var elenaId = await app.TherapistIdAsync("Elena Ruiz");

        // Alex sees Maya on Mondays at 10:00; this group runs 09:30–10:30.
        var created = await elena.PostAsJsonAsync("/api/group-sessions", new { serviceId = service.Id, therapistId = elenaId, start = Phoenix.At("2026-03-16T09:30") }, OnTrackApp.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var group = await created.ReadAsync<AppointmentDto>();
        var alex = await app.SignInAsync("alex.morgan@example.test");

        var joined = await alex.PostAsync($"/api/group-sessions/{group.Id}/join", null);

        Assert.Contains("already have a session", (await joined.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Participants.CountAsync(p => p.AppointmentId == group.Id)));
    }
}

public sealed class GroupPrivacyTestsOnSqlite(SqliteApp app) : GroupPrivacyTests(app), IClassFixture<SqliteApp>;

public sealed class GroupPrivacyTestsOnPostgres(PostgresApp app) : GroupPrivacyTests(app), IClassFixture<PostgresApp>;
