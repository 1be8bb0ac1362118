using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Plans;

/// <summary>The client's goals are rated at every check-in: a form made from their active goals, stored like any measure.</summary>
public abstract class GoalCheckInTests(OnTrackApp app)
{
    private const string Maya = "Dr. Maya Chen";

    private async Task<(HttpClient Client, Guid ClientId)> NewClientWithSessionAsync(string name, string start)
    {
        var anonymous = app.CreateClient();
        var service = await anonymous.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync(Maya);
        var (client, booking) = await app.BookedAsNewClientAsync(new { serviceId = service.Id, therapistId = maya, start = Phoenix.At(start), newClient = Http.NewClient(name) });
        var clientId = await app.WithDbAsync(db => db.Participants.Where(p => p.AppointmentId == booking.Appointments[0].Id).Select(p => p.ClientId).SingleAsync());
        return (client, clientId);
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, object request) =>
        client.PostAsJsonAsync("/api/responses", request, OnTrackApp.Json);

    [Fact]
    public async Task ActiveGoals_AreDueAtTheSession_ScoredAsTheMean_AndStoredPerGoal()
    {
        var (client, clientId) = await NewClientWithSessionAsync("Gale Goals", "2026-05-19T11:00");
        var sleep = await (await client.PostAsJsonAsync($"/api/clients/{clientId}/goals", new { text = "Sleep through the night" })).ReadAsync<GoalDto>();
        var work = await (await client.PostAsJsonAsync($"/api/clients/{clientId}/goals", new { text = "Go back to work part-time" })).ReadAsync<GoalDto>();

        app.Clock.Reset(Instant.FromDateTimeOffset(Phoenix.At("2026-05-19T10:00")));
        try
        {
            var due = await client.GetFromJsonAsync<DueFormsDto>("/api/due-forms", OnTrackApp.Json);
            var goals = Assert.Single(due!.Forms, f => f.InstrumentId == "goals");
            Assert.Equal(2, goals.Items);

            // A rating outside 0–10, or a goal that is not the client's, is refused and nothing is stored.
            await (await SubmitAsync(client, new { instrumentId = "goals", answers = new Dictionary<string, string> { [sleep.LinkId] = "11", [work.LinkId] = "5" } })).ProblemAsync(HttpStatusCode.BadRequest);
            await (await SubmitAsync(client, new { instrumentId = "goals", answers = new Dictionary<string, string> { ["goal-00000000"] = "3", [work.LinkId] = "5" } })).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(0, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.ClientId == clientId && r.InstrumentId == "goals")));

            var sent = await SubmitAsync(client, new { instrumentId = "goals", answers = new Dictionary<string, string> { [sleep.LinkId] = "4", [work.LinkId] = "7" } });
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
            var stored = (await sent.ReadAsync<SubmissionResult>()).Response;
            Assert.Equal(5.5m, stored.Total);
            Assert.Equal(4m, stored.Subscales[sleep.LinkId]);
            Assert.Equal(7m, stored.Subscales[work.LinkId]);
            Assert.Equal("4", stored.Answers[sleep.LinkId]);

            // Done for this session; and the therapist reads it with the client's other scores.
            var after = await client.GetFromJsonAsync<DueFormsDto>("/api/due-forms", OnTrackApp.Json);
            Assert.DoesNotContain(after!.Forms, f => f.InstrumentId == "goals");
            var maya = await app.SignInAsync("maya.chen@demo.ontrack.test");
            var responses = await (await maya.GetAsync($"/api/clients/{clientId}/responses")).ReadAsync<List<ResponseDto>>();
            Assert.Contains(responses, r => r.InstrumentId == "goals" && r.Subscales[work.LinkId] == 7m);
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    [Fact]
    public async Task AClientWithoutGoals_HasNoGoalForm_AndCannotSendOne()
    {
        var (client, clientId) = await NewClientWithSessionAsync("Noel Nogoals", "2026-05-20T11:00");
        app.Clock.Reset(Instant.FromDateTimeOffset(Phoenix.At("2026-05-20T10:00")));
        try
        {
            var due = await client.GetFromJsonAsync<DueFormsDto>("/api/due-forms", OnTrackApp.Json);
            Assert.DoesNotContain(due!.Forms, f => f.InstrumentId == "goals");
            await (await SubmitAsync(client, new { instrumentId = "goals", answers = new Dictionary<string, string> { ["goal"] = "5" } })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(0, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.ClientId == clientId)));
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    [Fact]
    public async Task TheGoalForm_CannotBePutInAMeasurementPlan()
    {
        var (_, clientId) = await NewClientWithSessionAsync("Pia Planless", "2026-05-21T11:00");
        var maya = await app.SignInAsync("maya.chen@demo.ontrack.test");
        var refused = await maya.PutAsJsonAsync($"/api/clients/{clientId}/measure-plan", new[] { new { instrumentId = "goals", timing = "EverySession" } });
        Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"got {refused.StatusCode}");
    }
}

public sealed class GoalCheckInTestsOnSqlite(SqliteApp app) : GoalCheckInTests(app), IClassFixture<SqliteApp>;

public sealed class GoalCheckInTestsOnPostgres(PostgresApp app) : GoalCheckInTests(app), IClassFixture<PostgresApp>;
