using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnTrack.Domain.Outcomes;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Features.Reviews;
using OnTrack.Web.Security;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Reviews;

/// <summary>When therapy isn't working: the client's concern, where it goes, and the review with its decisions.</summary>
public abstract class ReviewsTests(OnTrackApp app)
{
    private const string Maya = "maya.chen@demo.ontrack.test";
    private const string Samuel = "samuel.okafor@demo.ontrack.test";

    [Fact]
    public async Task AClientsConcern_ReachesTheirTherapistAsAnAlert_AndTheClientIsToldWhatHappensNextAndByWhen()
    {
        var (clientId, client) = await NewClientOfMayaAsync("Nat Notworking");
        var sent = await client.PostAsJsonAsync($"/api/clients/{clientId}/concerns", new { topics = new[] { "Pace", "Approach" }, wishes = new[] { "MoreStructure" }, text = "We talk a lot but nothing changes." });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var concern = await sent.ReadAsync<ConcernDto>();

        // Monday 2 March: two working days on is Wednesday 4 March.
        Assert.Equal((ConcernAudience.Therapist, new DateOnly(2026, 3, 4)), (concern.SentTo, concern.AnswerBy));
        Assert.StartsWith("Dr. Maya Chen has been told", concern.WhatHappensNext);
        Assert.Contains("Wednesday 4 March", concern.WhatHappensNext);

        var maya = await app.SignInAsync(Maya);
        var alerts = await (await maya.GetAsync("/api/alerts")).ReadAsync<List<AlertDto>>();
        var alert = Assert.Single(alerts, a => a.ClientId == clientId);
        Assert.Equal(AlertKind.ClientConcern, alert.Kind);
        Assert.Contains("the pace", alert.Summary);
        Assert.Contains("We talk a lot but nothing changes.", alert.Summary);
        Assert.Equal(concern.AlertId, alert.Id);
        Assert.Single(await (await maya.GetAsync($"/api/clients/{clientId}/concerns")).ReadAsync<List<ConcernDto>>());
    }

    [Fact]
    public async Task ARequestForADifferentTherapist_SentToTheClinic_ReachesTheAdmins_AndNotTheTherapist()
    {
        var (clientId, client) = await NewClientOfMayaAsync("Dana Different");
        var sent = await client.PostAsJsonAsync($"/api/clients/{clientId}/concerns", new { topics = new[] { "Relationship" }, wishes = new[] { "DifferentTherapist" }, text = "I don't feel heard.", sendTo = "ClinicAdmins" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var concern = await sent.ReadAsync<ConcernDto>();
        Assert.Equal(ConcernAudience.ClinicAdmins, concern.SentTo);
        Assert.Contains("not your therapist", concern.WhatHappensNext);

        // The therapist sees neither the concern nor an alert; the client sees their own; the admins see it, and were emailed.
        var maya = await app.SignInAsync(Maya);
        Assert.Empty(await (await maya.GetAsync($"/api/clients/{clientId}/concerns")).ReadAsync<List<ConcernDto>>());
        Assert.DoesNotContain(await (await maya.GetAsync("/api/alerts")).ReadAsync<List<AlertDto>>(), a => a.ClientId == clientId);
        Assert.False((await maya.GetAsync("/api/concerns/for-admins")).IsSuccessStatusCode);
        Assert.Single(await (await client.GetAsync($"/api/clients/{clientId}/concerns")).ReadAsync<List<ConcernDto>>());
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var queue = await (await admin.GetAsync("/api/concerns/for-admins")).ReadAsync<List<AdminConcernDto>>();
        var item = Assert.Single(queue, q => q.ClientId == clientId);
        Assert.Equal(("Dana Different", "I don't feel heard."), (item.ClientName, item.Concern.Text));
        Assert.True(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.Kind == "concern-for-admins" && m.Subject.Contains("D.D."))));

        // Handled with what was done; the client then reads that it was followed up.
        await (await admin.PostAsJsonAsync($"/api/concerns/for-admins/{concern.Id}/handled", new { outcome = "" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/concerns/for-admins/{concern.Id}/handled", new { outcome = "Called Dana; moving to Samuel Okafor." })).StatusCode);
        await (await admin.PostAsJsonAsync($"/api/concerns/for-admins/{concern.Id}/handled", new { outcome = "Again" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var seen = Assert.Single(await (await client.GetAsync($"/api/clients/{clientId}/concerns")).ReadAsync<List<ConcernDto>>());
        Assert.Equal((ConcernState.Handled, "This has been followed up."), (seen.State, seen.WhatHappensNext));
    }

    [Theory]
    [InlineData("{}", "empty")]
    [InlineData("""{"text":"   "}""", "blank text only")]
    [InlineData("""{"topics":["Pace"],"sendTo":"ClinicAdmins"}""", "to the clinic without asking for a different therapist")]
    [InlineData("""{"topics":["Boredom"]}""", "an unknown topic")]
    [InlineData("""{"wishes":["MoreStructure"],"sendTo":"Nobody"}""", "an unknown audience")]
    public async Task AConcernWithBadInput_IsRefusedWithProblemDetails_AndNothingIsStored(string body, string named)
    {
        var (clientId, client) = await NewClientOfMayaAsync("Bo Bad");
        var answer = await client.PostAsync($"/api/clients/{clientId}/concerns", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, named);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var tooLong = await client.PostAsJsonAsync($"/api/clients/{clientId}/concerns", new { text = new string('x', Concerns.MaxText + 1) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ClientConcern>().CountAsync(c => c.ClientId == clientId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ConcernForAdmins>().CountAsync(c => c.ClientId == clientId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Alerts.CountAsync(a => a.ClientId == clientId)));
    }

    [Fact]
    public async Task ConcernsAndReviews_AreNotFound_ForAnotherClient_AnOffTeamTherapist_Reception_AndAnotherClinic()
    {
        var (clientId, client) = await NewClientOfMayaAsync("Pia Private");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/clients/{clientId}/concerns", new { topics = new[] { "Goals" } })).StatusCode);
        var (_, other) = await NewClientOfMayaAsync("Oz Other");
        var samuel = await app.SignInAsync(Samuel);
        var reception = await app.SignInAsReceptionAsync();
        var otherAdmin = await app.SignInAsync(await OtherClinic.CreateWithAdminAsync(app), OtherClinic.AdminPassword);
        foreach (var stranger in new[] { other, samuel, reception, otherAdmin })
        {
            await (await stranger.GetAsync($"/api/clients/{clientId}/concerns")).ProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.GetAsync($"/api/clients/{clientId}/reviews")).ProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.PostAsJsonAsync($"/api/clients/{clientId}/reviews", new { reason = "Other" })).ProblemAsync(HttpStatusCode.NotFound);
        }

        // The client reads their reviews but cannot open one.
        Assert.False((await client.PostAsJsonAsync($"/api/clients/{clientId}/reviews", new { reason = "Other" })).IsSuccessStatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Review>().CountAsync(r => r.ClientId == clientId)));
    }

    [Fact]
    public async Task AReviewFromTheClientsConcern_RecordsFindingsAndDecisions_ChangesThePlan_AndCompletingResolvesTheAlertAndTheConcern()
    {
        var (clientId, client) = await NewClientOfMayaAsync("Kit Review");
        var maya = await app.SignInAsync(Maya);
        Assert.Equal(HttpStatusCode.OK, (await maya.PutAsJsonAsync($"/api/clients/{clientId}/plan", new
        {
            problemAreas = new[] { "Depression" },
            clientWords = "Flat.",
            approach = "PersonCentred",
            format = "Individual",
            frequency = "Weekly",
            plannedSessions = 12,
            nextReview = "2026-04-01",
        })).StatusCode);
        var concern = await (await client.PostAsJsonAsync($"/api/clients/{clientId}/concerns", new { topics = new[] { "Approach" }, wishes = new[] { "MoreStructure" } })).ReadAsync<ConcernDto>();

        // Opened from the alert: the alert is acknowledged and the concern linked; a second open review is refused.
        await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/reviews", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/reviews", new { reason = "ClientConcern", alertId = Guid.NewGuid() })).ProblemAsync(HttpStatusCode.BadRequest);
        var opened = await maya.PostAsJsonAsync($"/api/clients/{clientId}/reviews", new { reason = "ClientConcern", alertId = concern.AlertId });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var review = await opened.ReadAsync<ReviewDto>();
        Assert.Equal(concern.Id, review.ConcernId);
        Assert.Equal(AlertState.Acknowledged, await app.WithDbAsync(db => db.Alerts.Where(a => a.Id == concern.AlertId).Select(a => a.State).SingleAsync()));
        await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/reviews", new { reason = "Other" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        // The review questionnaire is now due on the client's phone, between sessions.
        var due = await client.GetFromJsonAsync<DueFormsDto>("/api/due-forms", OnTrackApp.Json);
        Assert.Contains(due!.Forms, f => f.InstrumentId == "review");

        // Findings per area; bad ones refused.
        var url = $"/api/clients/{clientId}/reviews/{review.Id}";
        await (await maya.PutAsJsonAsync($"{url}/findings", new { text = "No area" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PutAsJsonAsync($"{url}/findings", new { area = "Alliance", text = "" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await maya.PutAsJsonAsync($"{url}/findings", new { area = "ApproachAndPreferences", text = "Kit wants homework.", isProblem = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await maya.PutAsJsonAsync($"{url}/findings", new { area = "ApproachAndPreferences", text = "Kit wants homework and structure.", isProblem = true })).StatusCode);

        // Decisions: a change of approach needs the approach and makes plan version 2; a referral needs to whom.
        await (await maya.PostAsJsonAsync($"{url}/actions", new { kind = "ChangeApproach" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PostAsJsonAsync($"{url}/actions", new { kind = "Referral" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PostAsJsonAsync($"{url}/actions", new { kind = "ChangeFrequency", newFrequency = "Daily" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PostAsJsonAsync($"{url}/complete", new { })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var changed = await (await maya.PostAsJsonAsync($"{url}/actions", new { kind = "ChangeApproach", newApproach = "Cbt", details = "Weekly tasks" })).ReadAsync<ReviewDto>();
        Assert.Equal(2, Assert.Single(changed.Actions).PlanVersion);
        var plan = await (await maya.GetAsync($"/api/clients/{clientId}/plan")).ReadAsync<PlanStateDto>();
        Assert.Equal((2, TherapyApproach.Cbt, false), (plan.Plan!.Version, plan.Plan.Approach, plan.Agreed));
        Assert.Equal(HttpStatusCode.Created, (await maya.PostAsJsonAsync($"{url}/actions", new { kind = "Referral", details = "GP, for a medication review" })).StatusCode);

        var done = await (await maya.PostAsJsonAsync($"{url}/complete", new { summary = "More structure, and the GP." })).ReadAsync<ReviewDto>();
        Assert.Equal((ReviewState.Completed, 2), (done.State, done.Actions.Count));
        Assert.Equal("Kit wants homework and structure.", Assert.Single(done.Findings).Text);
        var alert = await app.WithDbAsync(db => db.Alerts.SingleAsync(a => a.Id == concern.AlertId));
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.StartsWith("Resolved by a review", alert.Resolution);
        Assert.Equal(ConcernState.Handled, Assert.Single(await (await client.GetAsync($"/api/clients/{clientId}/concerns")).ReadAsync<List<ConcernDto>>()).State);

        // Completed: nothing more is added; the follow-up is recorded; the client reads the review.
        await (await maya.PutAsJsonAsync($"{url}/findings", new { area = "Goals", text = "Late" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await maya.PostAsJsonAsync($"{url}/actions/{done.Actions[0].Id}/follow-up", new { decision = "Pending" })).ProblemAsync(HttpStatusCode.BadRequest);
        var followed = await (await maya.PostAsJsonAsync($"{url}/actions/{done.Actions[0].Id}/follow-up", new { decision = "Confirmed", note = "Helping" })).ReadAsync<ReviewDto>();
        Assert.Equal(ActionFollowUp.Confirmed, followed.Actions[0].FollowUp);
        Assert.Equal(2, (await (await client.GetAsync(url)).ReadAsync<ReviewDto>()).Actions.Count);
        Assert.False((await client.PostAsJsonAsync($"{url}/actions/{done.Actions[0].Id}/follow-up", new { decision = "Revisit" })).IsSuccessStatusCode);

        // A new review can now be opened.
        Assert.Equal(HttpStatusCode.Created, (await maya.PostAsJsonAsync($"/api/clients/{clientId}/reviews", new { reason = "PlanReviewDate" })).StatusCode);
    }

    [Fact]
    public async Task TheReviewQuestionnaire_FilledInOnThePhone_FlagsAreasOnTheReviewPage()
    {
        var (clientId, client) = await NewClientOfMayaAsync("Flo Flagged");
        var maya = await app.SignInAsync(Maya);
        var review = await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/reviews", new { reason = "NotOnTrack" })).ReadAsync<ReviewDto>();
        app.Clock.Advance(NodaTime.Duration.FromMinutes(10));

        // "Completely true" to every sentence: the negatively worded ones (alliance doubts, stress…) flag their areas.
        var items = OnTrack.Domain.Reviews.ReviewQuestionnaire.Instrument.Items;
        var answers = items.ToDictionary(i => i.LinkId, _ => "4");
        var sent = await client.PostAsJsonAsync("/api/responses", new { instrumentId = "review", answers }, OnTrackApp.Json);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.DoesNotContain((await client.GetFromJsonAsync<DueFormsDto>("/api/due-forms", OnTrackApp.Json))!.Forms, f => f.InstrumentId == "review");

        var page = WebUtility.HtmlDecode(await maya.GetStringAsync($"/clients/{clientId}/reviews/{review.Id}"));
        Assert.Contains("Review questionnaire —", page);
        Assert.Contains("Look at this", page);
        Assert.DoesNotContain("questionnaire-pending", page);
        var scored = OnTrack.Domain.Reviews.ReviewAreas.Score(items.Select(_ => (string?)"4").ToList());
        Assert.Contains(scored, a => a.Flagged);
        foreach (var flagged in scored.Where(a => a.Flagged))
        {
            Assert.Contains(flagged.Summary, page);
        }
    }

    [Fact]
    public async Task TheDemoClinic_HasAReviewAfterWhichTaylorsCourseImproved_AndSamsRequestForAnotherTherapistWithTheAdmins()
    {
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var ids = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.FullName == "Taylor Brooks" || c.FullName == "Sam Rivera" || c.FullName == "Casey Nguyen")
            .ToDictionaryAsync(c => c.FullName, c => c.Id));
        var review = Assert.Single(await (await admin.GetAsync($"/api/clients/{ids["Taylor Brooks"]}/reviews")).ReadAsync<List<ReviewDto>>());
        Assert.Equal((ReviewState.Completed, ReviewActionKind.MoreStructure), (review.State, Assert.Single(review.Actions).Kind));
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/clients/{ids["Taylor Brooks"]}/reviews/{review.Id}"));
        Assert.Matches("GAD-7[^<]* since then: (Improving since the change|Back on track)", page);
        Assert.Contains("not proof that the change caused it", page);

        // The decision is a marker on her charts.
        var chart = WebUtility.HtmlDecode(await admin.GetStringAsync($"/clients/{ids["Taylor Brooks"]}/chart"));
        Assert.Contains("\"label\":\"Review: more structure and practical tasks\"", chart);

        // The admins' counts per kind of decision: Taylor's is judged, and got back on track or improved.
        var summary = await (await admin.GetAsync("/api/review-actions/summary")).ReadAsync<ReviewOutcomesDto>();
        var structure = Assert.Single(summary.Kinds, k => k.Kind == ReviewActionKind.MoreStructure);
        Assert.True(structure.Taken >= 1 && structure.Judged >= 1 && structure.BackOnTrack + structure.Improving >= 1);
        Assert.Contains("not a trial", summary.Caveat);
        Assert.Contains("not a trial", WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/reviews")));

        Assert.Contains(await (await admin.GetAsync("/api/concerns/for-admins")).ReadAsync<List<AdminConcernDto>>(), c => c.ClientId == ids["Sam Rivera"] && c.Concern.State == ConcernState.Open);
        var casey = Assert.Single(await (await admin.GetAsync($"/api/clients/{ids["Casey Nguyen"]}/concerns")).ReadAsync<List<ConcernDto>>());
        Assert.Equal(ConcernAudience.Therapist, casey.SentTo);
        Assert.NotNull(casey.AlertId);
    }

    /// <summary>A new client with a sign-in whose primary therapist is Maya, signed in.</summary>
    private Task<(Guid Id, HttpClient Client)> NewClientOfMayaAsync(string name) => app.NewSignedInClientAsync(name);
}

public sealed class ReviewsTestsOnSqlite(SqliteApp app) : ReviewsTests(app), IClassFixture<SqliteApp>;

public sealed class ReviewsTestsOnPostgres(PostgresApp app) : ReviewsTests(app), IClassFixture<PostgresApp>;
