using System.Net;
using System.Net.Http.Json;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Security;

/// <summary>Clients see their own records, therapists their own caseload, a clinic its own data; anything else is "not found".</summary>
public abstract class AccessTests(OnTrackApp app)
{
    private const string Range = "from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z";

    private async Task<AppointmentDto> PriyasNextAppointmentAsync()
    {
        var priya = await app.SignInAsync("priya.patel@example.test");
        return (await priya.GetFromJsonAsync<List<AppointmentDto>>($"/api/appointments?{Range}", OnTrackApp.Json))![0];
    }

    [Fact]
    public async Task Client_OpeningAnotherClientsAppointment_GetsNotFound()
    {
        var priyas = await PriyasNextAppointmentAsync();
        var alex = await app.SignInAsync("alex.morgan@example.test");

        await (await alex.GetAsync($"/api/appointments/{priyas.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await alex.PostAsync($"/api/appointments/{priyas.Id}/cancel", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await alex.PostAsJsonAsync($"/api/appointments/{priyas.Id}/reschedule", new { start = Phoenix.At("2026-03-26T15:00") })).ProblemAsync(HttpStatusCode.NotFound);

        // Exactly as if it did not exist.
        var missing = await (await alex.GetAsync($"/api/appointments/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        var hidden = await (await alex.GetAsync($"/api/appointments/{priyas.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(missing.GetProperty("detail").GetString(), hidden.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Client_ListsOnlyTheirOwnAppointments()
    {
        var alex = await app.SignInAsync("alex.morgan@example.test");
        var mine = await alex.GetFromJsonAsync<List<AppointmentDto>>($"/api/appointments?{Range}", OnTrackApp.Json);

        Assert.NotEmpty(mine!);
        Assert.All(mine!, a => Assert.Equal(["Alex Morgan"], a.Clients));
    }

    [Fact]
    public async Task Client_CannotMarkAttendance()
    {
        var alex = await app.SignInAsync("alex.morgan@example.test");
        var mine = await alex.GetFromJsonAsync<List<AppointmentDto>>($"/api/appointments?{Range}", OnTrackApp.Json);

        await (await alex.PostAsJsonAsync($"/api/appointments/{mine![0].Id}/status", new { status = "Attended" }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Therapist_SeesOnlyTheirOwnSchedule()
    {
        var samuel = await app.SignInAsync("samuel.okafor@demo.ontrack.test");
        var priyas = await PriyasNextAppointmentAsync(); // with Maya

        var schedule = await samuel.GetFromJsonAsync<List<AppointmentDto>>($"/api/appointments?{Range}", OnTrackApp.Json);
        Assert.NotEmpty(schedule!);
        Assert.All(schedule!, a => Assert.Equal("Samuel Okafor", a.TherapistName));
        await (await samuel.GetAsync($"/api/appointments/{priyas.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await samuel.GetAsync($"/api/appointments?{Range}&therapistId={priyas.TherapistId}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_SeesTheWholeClinic_ButNotAnotherClinic()
    {
        var priyas = await PriyasNextAppointmentAsync();
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/appointments/{priyas.Id}")).StatusCode);

        var otherAdmin = await app.SignInAsync(await OtherClinic.CreateWithAdminAsync(app), OtherClinic.AdminPassword);
        await (await otherAdmin.GetAsync($"/api/appointments/{priyas.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await otherAdmin.GetFromJsonAsync<List<AppointmentDto>>($"/api/appointments?{Range}", OnTrackApp.Json))!);
        Assert.Empty((await otherAdmin.GetFromJsonAsync<List<ServiceDto>>("/api/services", OnTrackApp.Json))!);
    }

    [Fact]
    public async Task Anonymous_CannotReadAppointments()
    {
        var priyas = await PriyasNextAppointmentAsync();
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/appointments/{priyas.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/appointments")).StatusCode);
    }
}

public sealed class AccessTestsOnSqlite(SqliteApp app) : AccessTests(app), IClassFixture<SqliteApp>;

public sealed class AccessTestsOnPostgres(PostgresApp app) : AccessTests(app), IClassFixture<PostgresApp>;
