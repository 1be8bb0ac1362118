using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Security;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Plans;

public abstract class PlansTests(OnTrackApp app)
{
    private const string Maya = "maya.chen@demo.ontrack.test";
    private const string Samuel = "samuel.okafor@demo.ontrack.test";
    private const string Password = "Plans-test-2026";

    private static object APlan(int sessions = 12, string approach = "Cbt", string? nextReview = "2026-04-01") => new
    {
        problemAreas = new[] { "Anxiety", "Sleep" },
        clientWords = "I lie awake worrying about work.",
        approach,
        format = "Individual",
        frequency = "Weekly",
        plannedSessions = sessions,
        nextReview,
    };

    [Fact]
    public async Task APlan_IsEmptyAtFirst_ThenVersioned_AndANewVersionNeedsTheClientsAgreementAgain()
    {
        var (clientId, client) = await NewClientOfMayaAsync("Pat Plan");
        var maya = await app.SignInAsync(Maya);

        var empty = await (await maya.GetAsync($"/api/clients/{clientId}/plan")).ReadAsync<PlanStateDto>();
        Assert.Null(empty.Plan);
        Assert.False(empty.Agreed);

        var first = await maya.PutAsJsonAsync($"/api/clients/{clientId}/plan", APlan());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var v1 = await first.ReadAsync<PlanStateDto>();
        Assert.Equal(1, v1.Plan!.Version);
        Assert.Equal([ProblemArea.Anxiety, ProblemArea.Sleep], v1.Plan.ProblemAreas);
        Assert.Equal(new DateOnly(2026, 4, 1), v1.Plan.NextReview);
        Assert.False(v1.Agreed);

        // The client reads it and agrees to version 1.
        var seen = await (await client.GetAsync($"/api/clients/{clientId}/plan")).ReadAsync<PlanStateDto>();
        Assert.Equal(1, seen.Plan!.Version);
        var agreed = await client.PostAsJsonAsync($"/api/clients/{clientId}/plan/agreement", new { version = 1, agree = true, comment = "Sounds right." });
        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        Assert.True((await (await maya.GetAsync($"/api/clients/{clientId}/plan")).ReadAsync<PlanStateDto>()).Agreed);

        // A change an hour later is version 2, not agreed yet; both versions are kept with who and when.
        app.Clock.Advance(NodaTime.Duration.FromHours(1));
        var second = await maya.PutAsJsonAsync($"/api/clients/{clientId}/plan", APlan(sessions: 16));
        var v2 = await second.ReadAsync<PlanStateDto>();
        Assert.Equal((2, 16, false), (v2.Plan!.Version, v2.Plan.PlannedSessions, v2.Agreed));
        var history = (await maya.GetFromJsonAsync<List<PlanVersionDto>>($"/api/clients/{clientId}/plan/history", OnTrackApp.Json))!;
        Assert.Equal([2, 1], history.Select(h => h.Version));
        Assert.All(history, h => Assert.Equal("Dr. Maya Chen", h.ChangedBy));
        Assert.Equal(app.Clock.GetCurrentInstant().ToDateTimeOffset(), history[0].ChangedAt);
        Assert.Equal(history[0].ChangedAt - TimeSpan.FromHours(1), history[1].ChangedAt);
        Assert.Equal(2, await app.WithDbAsync(db => db.TreatmentPlans.CountAsync(p => p.ClientId == clientId)));

        // Agreeing to version 1 now is stale: 409, nothing stored.
        var stale = await client.PostAsJsonAsync($"/api/clients/{clientId}/plan/agreement", new { version = 1, agree = true });
        var problem = await stale.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("version 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var after = await (await client.GetAsync($"/api/clients/{clientId}/plan")).ReadAsync<PlanStateDto>();
        Assert.False(after.Agreed);
        Assert.Single(after.Responses);

        // A comment without agreement is kept; agreement to version 2 then counts.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/clients/{clientId}/plan/agreement", new { version = 2, comment = "Why 16?" })).StatusCode);
        Assert.False((await (await maya.GetAsync($"/api/clients/{clientId}/plan")).ReadAsync<PlanStateDto>()).Agreed);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/clients/{clientId}/plan/agreement", new { version = 2, agree = true })).StatusCode);
        var final = await (await maya.GetAsync($"/api/clients/{clientId}/plan")).ReadAsync<PlanStateDto>();
        Assert.True(final.Agreed);
        Assert.Equal(3, final.Responses.Count);

        // Reads and writes are in the audit trail.
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.EntityType == "TreatmentPlan" && e.ClientId == clientId && e.Action == Web.Data.AuditAction.Create)));
    }

    [Fact]
    public async Task APlanChangedSinceItWasOpened_IsRefusedWith409_AndTheOtherChangeStands()
    {
        var (clientId, _) = await NewClientOfMayaAsync("Cleo Concurrent");
        var maya = await app.SignInAsync(Maya);
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        Assert.Equal(HttpStatusCode.OK, (await maya.PutAsJsonAsync($"/api/clients/{clientId}/plan", APlan())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/clients/{clientId}/plan", new { problemAreas = new[] { "Grief" }, approach = "Act", format = "Individual", frequency = "EveryOtherWeek", plannedWeeks = 10, baseVersion = 1 })).StatusCode);
        await (await maya.PutAsJsonAsync($"/api/clients/{clientId}/plan", new { problemAreas = new[] { "Sleep" }, approach = "Cbt", format = "Individual", frequency = "Weekly", plannedSessions = 8, baseVersion = 1 }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var history = (await maya.GetFromJsonAsync<List<PlanVersionDto>>($"/api/clients/{clientId}/plan/history", OnTrackApp.Json))!;
        Assert.Equal([(2, "Clinic Admin", (int?)10), (1, "Dr. Maya Chen", null)], history.Select(h => (h.Version, h.ChangedBy, h.PlannedWeeks)));
    }

    [Fact]
    public async Task AFormerTherapistWithReadOnlyAccess_ReadsThePlan_ButChangesNothing()
    {
        var (clientId, _) = await NewClientOfMayaAsync("Flo Former");
        var maya = await app.SignInAsync(Maya);
        Assert.Equal(HttpStatusCode.OK, (await maya.PutAsJsonAsync($"/api/clients/{clientId}/plan", APlan())).StatusCode);
        await app.WithDbAsync(db => db.CareTeamMembers.Where(m => m.ClientId == clientId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Access, CareTeamAccess.ReadOnly)));
        Assert.Equal(HttpStatusCode.OK, (await maya.GetAsync($"/api/clients/{clientId}/plan")).StatusCode);
        await (await maya.PutAsJsonAsync($"/api/clients/{clientId}/plan", APlan(sessions: 30))).ProblemAsync(HttpStatusCode.NotFound);
        await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals", new { text = "Not hers to add now" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await maya.PutAsJsonAsync($"/api/clients/{clientId}/preferences", new { direction = 1 })).ProblemAsync(HttpStatusCode.NotFound);
        await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/expectations", new { sessionsExpected = 6, weeksToFeelBetter = 4, confidence = 5 })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Single((await maya.GetFromJsonAsync<List<PlanVersionDto>>($"/api/clients/{clientId}/plan/history", OnTrackApp.Json))!);
        Assert.Equal(0, await app.WithDbAsync(db => db.Goals.CountAsync(g => g.ClientId == clientId)));
    }

    [Theory]
    [InlineData("""{"problemAreas":["Anxiety"],"approach":"Hypnosis","format":"Individual","frequency":"Weekly","plannedSessions":10}""", "approach")]
    [InlineData("""{"problemAreas":["Anxiety"],"approach":99,"format":"Individual","frequency":"Weekly","plannedSessions":10}""", "approach")]
    [InlineData("""{"problemAreas":["Ennui"],"approach":"Cbt","format":"Individual","frequency":"Weekly","plannedSessions":10}""", "problemAreas")]
    [InlineData("""{"problemAreas":[],"approach":"Cbt","format":"Individual","frequency":"Weekly","plannedSessions":10}""", "problem area")]
    [InlineData("""{"problemAreas":["Anxiety"],"approach":"Cbt","format":"Individual","frequency":"Daily","plannedSessions":10}""", "frequency")]
    [InlineData("""{"problemAreas":["Anxiety"],"approach":"Cbt","format":"Individual","frequency":"Weekly","plannedSessions":10,"plannedWeeks":10}""", "one of the two")]
    [InlineData("""{"problemAreas":["Anxiety"],"approach":"Cbt","format":"Individual","frequency":"Weekly"}""", "one of the two")]
    [InlineData("""{"problemAreas":["Anxiety"],"approach":"Cbt","format":"Individual","frequency":"Weekly","plannedSessions":0}""", "number of sessions")]
    [InlineData("""{"problemAreas":["Anxiety"],"approach":"Cbt","format":"Individual","frequency":"Weekly","plannedWeeks":1000}""", "number of weeks")]
    [InlineData("""{"problemAreas":["Anxiety"],"approach":"Cbt","format":"Individual","frequency":"Weekly","plannedSessions":10,"nextReview":"2026-03-02"}""", "review date")]
    [InlineData("""{"problemAreas":["Anxiety"],"approach":"Cbt","format":"Individual","frequency":"Weekly","plannedSessions":10,"nextReview":"soon"}""", "nextReview")]
    public async Task APlanWithBadInput_IsRefusedWithProblemDetails_AndNothingIsStored(string body, string named)
    {
        var (clientId, _) = await NewClientOfMayaAsync("Bea Badplan");
        var maya = await app.SignInAsync(Maya);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var problem = await (await maya.PutAsync($"/api/clients/{clientId}/plan", content)).ProblemAsync(HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(named, detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("OnTrack.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("TherapyApproach", detail, StringComparison.Ordinal);
        Assert.Empty(await maya.GetFromJsonAsync<List<PlanVersionDto>>($"/api/clients/{clientId}/plan/history", OnTrackApp.Json) ?? []);
    }

    [Fact]
    public async Task TheRecord_IsNotFound_ForAnotherClient_AnOffTeamTherapist_Reception_AndAnotherClinicsAdmin()
    {
        var (clientId, client) = await NewClientOfMayaAsync("Ari Access");
        var maya = await app.SignInAsync(Maya);
        Assert.Equal(HttpStatusCode.OK, (await maya.PutAsJsonAsync($"/api/clients/{clientId}/plan", APlan())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals", new { text = "Sleep through the night" })).StatusCode);

        var (_, clientB) = await NewClientOfMayaAsync("Bo Other");
        var outsiders = new[]
        {
            clientB,
            await app.SignInAsync(Samuel),
            await app.SignInAsReceptionAsync(),
            await app.SignInAsync(await OtherClinic.CreateWithAdminAsync(app), OtherClinic.AdminPassword),
        };
        foreach (var outsider in outsiders)
        {
            foreach (var path in new[] { "plan", "plan/history", "goals", "preferences", "expectations" })
            {
                await (await outsider.GetAsync($"/api/clients/{clientId}/{path}")).ProblemAsync(HttpStatusCode.NotFound);
            }

            await (await outsider.PutAsJsonAsync($"/api/clients/{clientId}/plan", APlan())).ProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.PostAsJsonAsync($"/api/clients/{clientId}/goals", new { text = "Not mine to set" })).ProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.PutAsJsonAsync($"/api/clients/{clientId}/preferences", new { direction = 1 })).ProblemAsync(HttpStatusCode.NotFound);
        }

        // The client reads their plan but cannot change it; staff cannot agree for the client.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/clients/{clientId}/plan")).StatusCode);
        await (await client.PutAsJsonAsync($"/api/clients/{clientId}/plan", APlan(sessions: 2))).ProblemAsync(HttpStatusCode.NotFound);
        await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/plan/agreement", new { version = 1, agree = true })).ProblemAsync(HttpStatusCode.Forbidden);
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/clients/{clientId}/plan")).StatusCode);
        var state = await (await admin.GetAsync($"/api/clients/{clientId}/plan")).ReadAsync<PlanStateDto>();
        Assert.Equal((1, false), (state.Plan!.Version, state.Agreed));
        Assert.Single((await (await maya.GetAsync($"/api/clients/{clientId}/goals")).ReadAsync<GoalsDto>()).Active);
    }

    [Fact]
    public async Task Goals_AreProposedByClientOrTherapist_AtMostFiveActive_AndARevisionKeepsTheOldWording()
    {
        var (clientId, client) = await NewClientOfMayaAsync("Gil Goals");
        var maya = await app.SignInAsync(Maya);

        var own = await client.PostAsJsonAsync($"/api/clients/{clientId}/goals", new { text = "  Go back to the gym twice a week  " });
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var goal = await own.ReadAsync<GoalDto>();
        Assert.Equal(("Go back to the gym twice a week", GoalAuthor.Client, GoalStatus.Active), (goal.Text, goal.ProposedBy, goal.Status));
        Assert.Matches("^goal-[0-9a-f]{8}$", goal.LinkId);

        // Empty, too short, too long: 400, nothing stored.
        foreach (var text in new[] { "", "   ", "ab", new string('x', 301) })
        {
            var problem = await (await client.PostAsJsonAsync($"/api/clients/{clientId}/goals", new { text })).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("goal", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        }

        for (var i = 2; i <= 5; i++)
        {
            var added = await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals", new { text = $"Goal number {i}" });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            Assert.Equal(GoalAuthor.Staff, (await added.ReadAsync<GoalDto>()).ProposedBy);
        }

        var sixth = await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals", new { text = "One too many" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("at most 5", sixth.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var goals = await (await client.GetAsync($"/api/clients/{clientId}/goals")).ReadAsync<GoalsDto>();
        Assert.Equal(5, goals.Active.Count);
        Assert.Empty(goals.Past);

        // Revised: the old wording is kept with who and when; the link id stays.
        var revised = await client.PutAsJsonAsync($"/api/clients/{clientId}/goals/{goal.Id}", new { text = "Go to the gym once a week" });
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var now = await revised.ReadAsync<GoalDto>();
        Assert.Equal(("Go to the gym once a week", goal.LinkId), (now.Text, now.LinkId));
        var revision = Assert.Single(now.Revisions);
        Assert.Equal(("Go back to the gym twice a week", "Gil Goals"), (revision.PreviousText, revision.By));

        await (await client.PutAsJsonAsync($"/api/clients/{clientId}/goals/{goal.Id}", new { text = " " })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PutAsJsonAsync($"/api/clients/{clientId}/goals/{goal.Id}", new { text = "no" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PutAsJsonAsync($"/api/clients/{clientId}/goals/{Guid.NewGuid()}", new { text = "Somebody else's goal" })).ProblemAsync(HttpStatusCode.NotFound);

        // Scaling with five levels and a weight; a weight of 0 is refused.
        var gas = new { minusTwo = "Never", minusOne = "Once a month", zero = "Once a week", plusOne = "Twice a week", plusTwo = "Three times a week", weight = 2 };
        var scaled = await (await maya.PutAsJsonAsync($"/api/clients/{clientId}/goals/{goal.Id}", new { gas })).ReadAsync<GoalDto>();
        Assert.Equal(("Once a week", 2m), (scaled.Gas!.Zero, scaled.Gas.Weight));
        await (await maya.PutAsJsonAsync($"/api/clients/{clientId}/goals/{goal.Id}", new { gas = gas with { weight = 0 } })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PutAsJsonAsync($"/api/clients/{clientId}/goals/{goal.Id}", new { gas = new { zero = "Only one level", weight = 1 } })).ProblemAsync(HttpStatusCode.BadRequest);

        // Met: it moves to the past with the day; with five active again, it cannot come back.
        var met = await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals/{goal.Id}/status", new { status = "Met" })).ReadAsync<GoalDto>();
        Assert.Equal((GoalStatus.Met, new DateOnly(2026, 3, 2)), (met.Status, met.StatusOn));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/clients/{clientId}/goals", new { text = "A fifth active one" })).StatusCode);
        await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals/{goal.Id}/status", new { status = "Active" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals/{goal.Id}/status", new { status = "Forgotten" })).ProblemAsync(HttpStatusCode.BadRequest);
        goals = await (await client.GetAsync($"/api/clients/{clientId}/goals")).ReadAsync<GoalsDto>();
        Assert.Equal(5, goals.Active.Count);
        Assert.Equal(goal.Id, Assert.Single(goals.Past).Id);
        Assert.Single(goals.Past[0].Revisions);
    }

    [Fact]
    public async Task Preferences_AreSetByTheClientOrTheirTherapist_AndARatingOutsideMinusThreeToThree_IsRefused()
    {
        var (clientId, client) = await NewClientOfMayaAsync("Pia Prefs");
        var maya = await app.SignInAsync(Maya);
        var empty = await (await maya.GetAsync($"/api/clients/{clientId}/preferences")).ReadAsync<PreferencesDto>();
        Assert.Equal((null, null), (empty.Direction, empty.UpdatedAt));

        var problem = await (await client.PutAsJsonAsync($"/api/clients/{clientId}/preferences", new { direction = 4 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("−3 to +3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await client.PutAsJsonAsync($"/api/clients/{clientId}/preferences", new { modality = "Teleport" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Null((await (await maya.GetAsync($"/api/clients/{clientId}/preferences")).ReadAsync<PreferencesDto>()).UpdatedAt);

        var set = await client.PutAsJsonAsync($"/api/clients/{clientId}/preferences",
            new { direction = -3, emotionalIntensity = 1, timeFocus = 2, supportOrChallenge = (int?)null, therapistGender = "woman", language = "Spanish", modality = "Video", evenings = true });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var seen = await (await maya.GetAsync($"/api/clients/{clientId}/preferences")).ReadAsync<PreferencesDto>();
        Assert.Equal((-3, 1, 2, (int?)null, "woman", "Spanish", PreferredModality.Video, false, true), (seen.Direction, seen.EmotionalIntensity, seen.TimeFocus, seen.SupportOrChallenge, seen.TherapistGender, seen.Language, seen.Modality, seen.Mornings, seen.Evenings));
        Assert.Equal("Pia Prefs", seen.UpdatedBy);

        var changed = await (await maya.PutAsJsonAsync($"/api/clients/{clientId}/preferences", new { direction = -2 })).ReadAsync<PreferencesDto>();
        Assert.Equal((-2, "Dr. Maya Chen"), (changed.Direction, changed.UpdatedBy));
        Assert.Equal(1, await app.WithDbAsync(db => db.ClientPreferences.CountAsync(p => p.ClientId == clientId)));
    }

    [Fact]
    public async Task Expectations_AreKeptEachTimeAsked_NewestFirst_AndAConfidenceOf11_IsRefused()
    {
        var (clientId, client) = await NewClientOfMayaAsync("Eli Expects");
        var maya = await app.SignInAsync(Maya);
        await (await client.PostAsJsonAsync($"/api/clients/{clientId}/expectations", new { sessionsExpected = 6, weeksToFeelBetter = 4, confidence = 11 })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostAsJsonAsync($"/api/clients/{clientId}/expectations", new { sessionsExpected = 0, weeksToFeelBetter = 4, confidence = 5 })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostAsJsonAsync($"/api/clients/{clientId}/expectations", new { sessionsExpected = 6, weeksToFeelBetter = 105, confidence = 5 })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostAsJsonAsync($"/api/clients/{clientId}/expectations", new { sessionsExpected = 6, confidence = 5 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty(await maya.GetFromJsonAsync<List<ExpectationDto>>($"/api/clients/{clientId}/expectations", OnTrackApp.Json) ?? []);

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/clients/{clientId}/expectations", new { sessionsExpected = 4, weeksToFeelBetter = 1, confidence = 9, occasion = "Intake" })).StatusCode);
        app.Clock.Advance(NodaTime.Duration.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Created, (await maya.PostAsJsonAsync($"/api/clients/{clientId}/expectations", new { sessionsExpected = 12, weeksToFeelBetter = 8, confidence = 6, occasion = "PlanReview" })).StatusCode);
        var all = (await maya.GetFromJsonAsync<List<ExpectationDto>>($"/api/clients/{clientId}/expectations", OnTrackApp.Json))!;
        Assert.Equal([ExpectationOccasion.PlanReview, ExpectationOccasion.Intake], all.Select(e => e.Occasion));
        Assert.Equal((4, 1, 9, "Eli Expects"), (all[1].SessionsExpected, all[1].WeeksToFeelBetter, all[1].Confidence, all[1].RecordedBy));
    }

    [Fact]
    public async Task ATherapistsStyle_IsTheirsOrAnAdminsToChange_AndTheClinicsStaffRead()
    {
        var samuelId = await app.TherapistIdAsync("Samuel Okafor");
        var samuel = await app.SignInAsync(Samuel);
        var set = await samuel.PutAsJsonAsync("/api/therapists/me/style", new { direction = 2, emotionalIntensity = -1, timeFocus = 0, supportOrChallenge = 1, gender = "man", languages = new[] { "English", "Yoruba" } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        await (await samuel.PutAsJsonAsync("/api/therapists/me/style", new { direction = -4 })).ProblemAsync(HttpStatusCode.BadRequest);
        var mine = await (await samuel.GetAsync("/api/therapists/me/style")).ReadAsync<TherapistStyleDto>();
        Assert.Equal((2, "man", "Samuel Okafor"), (mine.Direction, mine.Gender, mine.UpdatedBy));
        Assert.Equal(["English", "Yoruba"], mine.Languages);

        // Maya reads it but cannot change it; reception reads; an admin changes it; a client and another clinic see nothing.
        var maya = await app.SignInAsync(Maya);
        Assert.Equal(2, (await (await maya.GetAsync($"/api/therapists/{samuelId}/style")).ReadAsync<TherapistStyleDto>()).Direction);
        await (await maya.PutAsJsonAsync($"/api/therapists/{samuelId}/style", new { direction = -3 })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsReceptionAsync()).GetAsync($"/api/therapists/{samuelId}/style")).StatusCode);
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        Assert.Equal(3, (await (await admin.PutAsJsonAsync($"/api/therapists/{samuelId}/style", new { direction = 3, languages = new[] { "English" } })).ReadAsync<TherapistStyleDto>()).Direction);
        var (_, client) = await NewClientOfMayaAsync("Cy Curious");
        Assert.False((await client.GetAsync($"/api/therapists/{samuelId}/style")).IsSuccessStatusCode);
        var other = await app.SignInAsync(await OtherClinic.CreateWithAdminAsync(app), OtherClinic.AdminPassword);
        await (await other.GetAsync($"/api/therapists/{samuelId}/style")).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.PutAsJsonAsync($"/api/therapists/{samuelId}/style", new { direction = 1 })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APlanDueForReview_IsListedForItsTherapist_TodayOrPast_NotForOthers()
    {
        var (clientId, _) = await NewClientOfMayaAsync("Ray Review");
        var maya = await app.SignInAsync(Maya);
        Assert.Equal(HttpStatusCode.OK, (await maya.PutAsJsonAsync($"/api/clients/{clientId}/plan", APlan(nextReview: "2026-03-03"))).StatusCode);
        Assert.DoesNotContain(await maya.GetFromJsonAsync<List<PlanReviewDue>>("/api/plan-reviews/due", OnTrackApp.Json) ?? [], r => r.ClientId == clientId);

        // The review date comes (today in Phoenix is 2 March).
        await app.WithDbAsync(db => db.TreatmentPlans.Where(p => p.ClientId == clientId).ExecuteUpdateAsync(s => s.SetProperty(p => p.NextReview, new NodaTime.LocalDate(2026, 3, 2))));
        var due = Assert.Single(await maya.GetFromJsonAsync<List<PlanReviewDue>>("/api/plan-reviews/due", OnTrackApp.Json) ?? [], r => r.ClientId == clientId);
        Assert.Equal(("Ray Review", 0, new DateOnly(2026, 3, 2)), (due.Name, due.DaysOverdue, due.ReviewDate));
        Assert.Contains(await (await app.SignInAsync(DemoClinic.AdminEmail)).GetFromJsonAsync<List<PlanReviewDue>>("/api/plan-reviews/due", OnTrackApp.Json) ?? [], r => r.ClientId == clientId);
        Assert.DoesNotContain(await (await app.SignInAsync(Samuel)).GetFromJsonAsync<List<PlanReviewDue>>("/api/plan-reviews/due", OnTrackApp.Json) ?? [], r => r.ClientId == clientId);
    }

    [Fact]
    public async Task TheDemoClinic_HasPlansGoalsPreferencesAndStyles_WithAMismatchAndAnImpatientClient()
    {
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var ids = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.FullName == "Taylor Brooks" || c.FullName == "Sam Rivera" || c.FullName == "Alex Morgan")
            .ToDictionaryAsync(c => c.FullName, c => c.Id));
        var taylor = await (await admin.GetAsync($"/api/clients/{ids["Taylor Brooks"]}/preferences")).ReadAsync<PreferencesDto>();
        var elena = await (await admin.GetAsync($"/api/therapists/{await app.TherapistIdAsync("Elena Ruiz")}/style")).ReadAsync<TherapistStyleDto>();
        Assert.Equal((-3, 2), (taylor.Direction, elena.Direction));
        var sam = await admin.GetFromJsonAsync<List<ExpectationDto>>($"/api/clients/{ids["Sam Rivera"]}/expectations", OnTrackApp.Json);
        Assert.Equal(1, Assert.Single(sam!).WeeksToFeelBetter);
        var goals = await (await admin.GetAsync($"/api/clients/{ids["Alex Morgan"]}/goals")).ReadAsync<GoalsDto>();
        Assert.InRange(goals.Active.Count, 1, 3);
        Assert.Equal("Sleep better", Assert.Single(goals.Active[0].Revisions).PreviousText);
        Assert.NotNull(goals.Active[0].Gas);
        var maya = await app.SignInAsync(Maya);
        Assert.Contains(await maya.GetFromJsonAsync<List<PlanReviewDue>>("/api/plan-reviews/due", OnTrackApp.Json) ?? [], r => r.ClientId == ids["Alex Morgan"]);
        Assert.True((await (await maya.GetAsync($"/api/clients/{ids["Alex Morgan"]}/plan")).ReadAsync<PlanStateDto>()).Agreed);
    }

    [Fact]
    public async Task GoalAttainment_IsRatedOnScaledGoals_AndTheTScoreTakesEachGoalsLatestLevelAndWeight()
    {
        try
        {
            var (clientId, client) = await NewClientOfMayaAsync("Gail Scaled");
            var maya = await app.SignInAsync(Maya);
            static object Levels(decimal weight) => new { minusTwo = "Never", minusOne = "Once a month", zero = "Once a week", plusOne = "Twice a week", plusTwo = "Every day", weight };
            var walk = await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals", new { text = "Go for walks again", gas = Levels(2) })).ReadAsync<GoalDto>();
            var friends = await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals", new { text = "See friends", gas = Levels(1) })).ReadAsync<GoalDto>();
            var plain = await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals", new { text = "Feel calmer" })).ReadAsync<GoalDto>();
            Assert.Null((await (await maya.GetAsync($"/api/clients/{clientId}/goals")).ReadAsync<GoalsDto>()).GasTScore);

            // Bad input and an unscaled goal are refused, and nothing is stored; the client cannot rate.
            await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals/{walk.Id}/attainment", new { level = 3 })).ProblemAsync(HttpStatusCode.BadRequest);
            await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals/{walk.Id}/attainment", new { })).ProblemAsync(HttpStatusCode.BadRequest);
            await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals/{plain.Id}/attainment", new { level = 0 })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
            await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals/{Guid.NewGuid()}/attainment", new { level = 0 })).ProblemAsync(HttpStatusCode.NotFound);
            Assert.False((await client.PostAsJsonAsync($"/api/clients/{clientId}/goals/{walk.Id}/attainment", new { level = 2 })).IsSuccessStatusCode);
            Assert.Equal(0, await app.WithDbAsync(db => db.Set<GoalAttainmentRating>().CountAsync(r => r.ClientId == clientId)));

            // Walks rated −1, then +1 a week later; friends at 0. T = 50 + 10 (2·1 + 1·0) / √(0.7·(4 + 1) + 0.3·3²) = 58.03.
            Assert.Equal(HttpStatusCode.Created, (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals/{walk.Id}/attainment", new { level = -1 })).StatusCode);
            app.Clock.Advance(NodaTime.Duration.FromDays(7));
            var rated = await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals/{walk.Id}/attainment", new { level = 1 })).ReadAsync<GoalDto>();
            Assert.Equal((1, "Twice a week", "Dr. Maya Chen"), (rated.GasLatest!.Level, rated.GasLatest.Description, rated.GasLatest.By));
            Assert.Equal(HttpStatusCode.Created, (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals/{friends.Id}/attainment", new { level = 0 })).StatusCode);
            var goals = await (await client.GetAsync($"/api/clients/{clientId}/goals")).ReadAsync<GoalsDto>();
            Assert.Equal((58.0, 2), (goals.GasTScore, goals.GasGoalsRated));
            Assert.Equal(58.0, Math.Round(GoalAttainment.TScore([new GoalAttainmentLevel(1, 2), new GoalAttainmentLevel(0, 1)]), 1));
            Assert.Equal(3, await app.WithDbAsync(db => db.Set<GoalAttainmentRating>().CountAsync(r => r.ClientId == clientId)));

            // A dropped goal leaves the T-score: only friends at 0 remain, T = 50.
            Assert.Equal(HttpStatusCode.OK, (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals/{walk.Id}/status", new { status = "Dropped" })).StatusCode);
            Assert.Equal((50.0, 1), await (await maya.GetAsync($"/api/clients/{clientId}/goals")).ReadAsync<GoalsDto>() is var after ? (after.GasTScore, after.GasGoalsRated) : default);
            await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/goals/{walk.Id}/attainment", new { level = 0 })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    [Fact]
    public async Task Expectations_AreAskedAgain_OnceThePlansReviewDateComes_UntilTheClientAnswers()
    {
        try
        {
            var (clientId, client) = await NewClientOfMayaAsync("Rita Again");
            var maya = await app.SignInAsync(Maya);
            async Task<DateOnly?> AskAgainAsync() => (await (await client.GetAsync($"/api/clients/{clientId}/expectations/ask-again")).ReadAsync<ExpectationsAskAgainDto>()).ReviewDate;
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/clients/{clientId}/expectations", new { sessionsExpected = 4, weeksToFeelBetter = 2, confidence = 8, occasion = "Intake" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await maya.PutAsJsonAsync($"/api/clients/{clientId}/plan", APlan(nextReview: "2026-04-01"))).StatusCode);
            Assert.Null(await AskAgainAsync());

            // Four weeks on (30 March) the review date is near but has not come.
            app.Clock.Advance(NodaTime.Duration.FromDays(28));
            Assert.Null(await AskAgainAsync());

            // 1 April: asked again; moving the next review later does not clear it, an answer does.
            app.Clock.Advance(NodaTime.Duration.FromDays(2));
            Assert.Equal(new DateOnly(2026, 4, 1), await AskAgainAsync());
            Assert.Equal(HttpStatusCode.OK, (await maya.PutAsJsonAsync($"/api/clients/{clientId}/plan", APlan(nextReview: "2026-06-01"))).StatusCode);
            Assert.Equal(new DateOnly(2026, 4, 1), await (await maya.GetAsync($"/api/clients/{clientId}/expectations/ask-again")).ReadAsync<ExpectationsAskAgainDto>() is var d ? d.ReviewDate : null);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/clients/{clientId}/expectations", new { sessionsExpected = 10, weeksToFeelBetter = 8, confidence = 7, occasion = "PlanReview" })).StatusCode);
            Assert.Null(await AskAgainAsync());

            // The portal says so on the home page while it is due (once the start steps are done).
            Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/clients/{clientId}/preferences", new { direction = 1 })).StatusCode);
            await app.WithDbAsync(db => db.TreatmentPlans.Where(p => p.ClientId == clientId).ExecuteUpdateAsync(s => s.SetProperty(p => p.NextReview, new NodaTime.LocalDate(2026, 6, 1))));
            app.Clock.Advance(NodaTime.Duration.FromDays(61));
            Assert.Equal(new DateOnly(2026, 6, 1), await AskAgainAsync());
            Assert.Contains("Your plan is being reviewed", await client.GetStringAsync("/my"));
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    /// <summary>A new client with a sign-in whose primary therapist is Maya (on the care team from the start), signed in.</summary>
    private async Task<(Guid Id, HttpClient Client)> NewClientOfMayaAsync(string name)
    {
        var (id, email) = await app.NewClientOfAsync(name, "Dr. Maya Chen", Password);
        return (id, await app.SignInAsync(email, Password));
    }
}

public sealed class PlansTestsOnSqlite(SqliteApp app) : PlansTests(app), IClassFixture<SqliteApp>;

public sealed class PlansTestsOnPostgres(PostgresApp app) : PlansTests(app), IClassFixture<PostgresApp>;
