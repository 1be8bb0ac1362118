using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OnTrack.Domain.Matching;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Matching;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Matching;

public abstract class MatchingTests(OnTrackApp app)
{
    private const string Maya = "maya.chen@demo.ontrack.test";
    private const string Elena = "elena.ruiz@demo.ontrack.test";

    private Task<Guid> QuinnAsync() => app.WithDbAsync(db => db.ClientRecords.Unfiltered(Bypass.ClinicStatistics).Where(c => c.FullName == DemoMatching.NewClientName).Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task OutcomeProfiles_AreTheMixedModelOfTheClinicsEndedCourses_FirstToLastScore()
    {
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var profiles = (await admin.GetFromJsonAsync<OutcomeProfilesDto>("/api/outcome-profiles", OnTrackApp.Json))!;

        // The same courses read straight from the database: every ended course with two PHQ-9 scores or more, by its therapist.
        var courses = await app.WithDbAsync(async db =>
        {
            var rows = await db.Responses.Unfiltered(Bypass.ClinicStatistics).AsNoTracking()
                .Where(r => r.InstrumentId == "phq-9" && r.Valid && r.Client!.DischargedAt != null && r.Client.PrimaryTherapistId != null)
                .Select(r => new { r.ClientId, Therapist = r.Client!.PrimaryTherapistId!.Value, r.CompletedAt, r.Total }).ToListAsync();
            return rows.GroupBy(r => r.ClientId).Where(g => g.Count() >= 2)
                .Select(g => g.OrderBy(r => r.CompletedAt).ToList())
                .Select(g => new CourseChange(g[0].Therapist.ToString(), (double)g[0].Total!.Value, (double)(g[^1].Total!.Value - g[0].Total!.Value)))
                .OrderBy(c => c.Therapist, StringComparer.Ordinal).ThenBy(c => c.Intake).ThenBy(c => c.Change).ToList();
        });
        var expected = TherapistEffects.Fit("phq-9", courses, higherIsBetter: false)!;
        var phq = profiles.Areas.Single(a => a.InstrumentId == "phq-9");
        Assert.Equal((expected.Cases, expected.Intercept, expected.IntakeSlope, expected.TherapistSd, expected.ResidualSd), (phq.Cases, phq.Intercept!.Value, phq.IntakeSlope!.Value, phq.TherapistSd!.Value, phq.ResidualSd!.Value));
        Assert.Equal(expected.Therapists.Select(t => (Guid.Parse(t.Therapist), t.Effect, t.ConditionalSd)).OrderBy(t => t.Item1), phq.Profiles.Select(p => (p.TherapistId, p.Effect, p.ConditionalSd)).OrderBy(t => t.Item1));
        Assert.Equal(10, profiles.MinCases);

        // The demo's therapists differ in depression: Maya's clients improve more than average, Samuel's less.
        Assert.Equal("effective", phq.Profiles.Single(p => p.Therapist == "Dr. Maya Chen").Rating);
        Assert.Equal("ineffective", phq.Profiles.Single(p => p.Therapist == "Samuel Okafor").Rating);
        Assert.All(phq.Profiles, p => Assert.True(p.Lower < p.Effect && p.Effect < p.Upper));

        // WHO-5 is given once per course in the demo: not estimated, and saying why.
        var who5 = profiles.Areas.Single(a => a.InstrumentId == "who-5");
        Assert.False(who5.Estimated);
        Assert.Contains("at least 3", who5.Reason, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.EntityType == "OutcomeProfiles" && e.Action == AuditAction.Read)));
    }

    [Fact]
    public async Task OutcomeProfiles_ATherapistSeesOnlyTheirOwn_ClientsAndOtherClinicsNone()
    {
        var maya = await app.SignInAsync(Maya);
        var mayaId = await app.TherapistIdAsync("Dr. Maya Chen");
        var samuelId = await app.TherapistIdAsync("Samuel Okafor");
        var hers = (await maya.GetFromJsonAsync<OutcomeProfilesDto>("/api/outcome-profiles", OnTrackApp.Json))!;
        Assert.All(hers.Areas.SelectMany(a => a.Profiles), p => Assert.Equal(mayaId, p.TherapistId));
        Assert.NotEmpty(hers.Areas.SelectMany(a => a.Profiles));
        await (await maya.GetAsync($"/api/outcome-profiles?therapistId={samuelId}")).ProblemAsync(HttpStatusCode.NotFound);

        var (_, client) = await app.NewSignedInClientAsync("Olive Outcome");
        await (await client.GetAsync("/api/outcome-profiles")).ProblemAsync(HttpStatusCode.NotFound);

        var other = await app.SignInAsync(await OtherClinic.CreateWithAdminAsync(app), OtherClinic.AdminPassword);
        var theirs = await (await other.GetAsync("/api/outcome-profiles")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(mayaId.ToString(), theirs, StringComparison.OrdinalIgnoreCase);
        await (await other.GetAsync($"/api/outcome-profiles?therapistId={mayaId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/therapists/{mayaId}/profile")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Suggestions_RankMeasuredStrengthsFirst_NeverSuggestAnIneffectiveTherapist_AndTheChoiceMovesCare()
    {
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        await WithRoomForNewClientsAsync(admin, async () => await SuggestAndChooseForQuinnAsync(admin));
    }

    /// <summary>Other tests' new clients fill the demo therapists' weekly room: give everyone room, then put the profiles back.</summary>
    private static async Task WithRoomForNewClientsAsync(HttpClient admin, Func<Task> test)
    {
        var before = (await admin.GetFromJsonAsync<List<TherapistProfileDto>>("/api/therapist-profiles", OnTrackApp.Json))!;
        try
        {
            foreach (var p in before)
            {
                Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/therapists/{p.TherapistId}/profile", new { problemAreas = p.ProblemAreas, approaches = p.Approaches, newClientsPerWeek = 50 }, OnTrackApp.Json)).StatusCode);
            }

            await test();
        }
        finally
        {
            foreach (var p in before)
            {
                await admin.PutAsJsonAsync($"/api/therapists/{p.TherapistId}/profile", new { problemAreas = p.ProblemAreas, approaches = p.Approaches, newClientsPerWeek = p.NewClientsPerWeek }, OnTrackApp.Json);
            }
        }
    }

    private async Task SuggestAndChooseForQuinnAsync(HttpClient admin)
    {
        var quinn = await QuinnAsync();
        var made = await admin.PostAsJsonAsync($"/api/clients/{quinn}/match-suggestions", new { offerToClient = false }, OnTrackApp.Json);
        var suggestion = await made.ReadAsync<MatchSuggestionDto>();
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        Assert.Equal(["anxiety", "depression"], suggestion.Areas); // PHQ-9 16 and GAD-7 13 at intake: both in the clinical range
        Assert.Equal("newClient", suggestion.Purpose);
        Assert.Equal([1, 2, 3], suggestion.Candidates.Select(c => c.Rank));
        var first = suggestion.Candidates[0];
        Assert.Equal("Dr. Maya Chen", first.Name);
        Assert.Contains(first.For, r => r.StartsWith("Clients with depression improved more with them", StringComparison.Ordinal));
        var samuel = suggestion.Candidates.Single(c => c.Name == "Samuel Okafor");
        Assert.False(samuel.Suggested);
        Assert.Equal(3, samuel.Rank);
        Assert.Contains(samuel.Against, r => r.Contains("improved less", StringComparison.Ordinal));
        Assert.All(suggestion.Candidates, c => Assert.InRange(c.NextFree.Count, 1, 3));

        var mayaId = first.TherapistId;
        var elenaId = suggestion.Candidates.Single(c => c.Name == "Elena Ruiz").TherapistId;
        var older = await (await admin.PostAsJsonAsync($"/api/clients/{quinn}/match-suggestions", new { offerToClient = true }, OnTrackApp.Json)).ReadAsync<MatchSuggestionDto>();

        // Two choices at once (a double click, two tabs): one moves care, the other changes nothing.
        var url = $"/api/clients/{quinn}/match-suggestions/{suggestion.Id}/choose";
        var both = await Task.WhenAll(admin.PostAsJsonAsync(url, new { therapistId = mayaId }, OnTrackApp.Json), admin.PostAsJsonAsync(url, new { therapistId = elenaId }, OnTrackApp.Json));
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(both, r => r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity);
        var chosen = await both.Single(r => r.StatusCode == HttpStatusCode.OK).ReadAsync<MatchSuggestionDto>();
        var winner = chosen.ChosenTherapistId!.Value;
        Assert.Equal(("staff", false), (chosen.ChosenBy!, chosen.Open));
        Assert.Equal(winner == mayaId ? 1 : 2, chosen.ChosenRank!.Value);
        Assert.Equal(winner, await app.WithDbAsync(db => db.ClientRecords.Where(c => c.Id == quinn).Select(c => c.PrimaryTherapistId).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.CareTeamMembers.CountAsync(m => m.ClientId == quinn && m.Role == Web.Features.CareTeams.CareTeamRole.Primary && m.Until == null)));

        // The other suggestion was made before care moved: it no longer applies, for staff or for the client it was offered to.
        var stale = await (await admin.PostAsJsonAsync($"/api/clients/{quinn}/match-suggestions/{older.Id}/choose", new { therapistId = elenaId }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("no longer apply", stale.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var listed = (await admin.GetFromJsonAsync<List<MatchSuggestionDto>>($"/api/clients/{quinn}/match-suggestions", OnTrackApp.Json))!;
        Assert.All(listed, l => Assert.False(l.Open));
        if (winner != mayaId)
        {
            return; // Elena won the race: the rest is about Maya as Quinn's therapist
        }

        var maya = await app.SignInAsync(Maya);
        Assert.Equal(HttpStatusCode.OK, (await maya.GetAsync($"/api/clients/{quinn}/match-suggestions")).StatusCode); // now on her care team

        var again = await (await admin.PostAsJsonAsync($"/api/clients/{quinn}/match-suggestions/{suggestion.Id}/choose", new { therapistId = mayaId }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("already been chosen", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.EntityType == nameof(MatchSuggestion) && e.ClientId == quinn && e.Action == AuditAction.Update)));

        var summary = (await admin.GetFromJsonAsync<MatchOutcomesDto>("/api/matching/outcomes", OnTrackApp.Json))!;
        Assert.True(summary.ChoseTopSuggestion >= 1 && summary.Chosen >= summary.ChoseTopSuggestion);
        Assert.Contains("Not a trial", summary.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClient_ChoosesOnlyWhereTheClinicAllows_AmongTheSuggested_AndSeesNoReasonFromOtherClientsOutcomes()
    {
        var (clientId, client) = await app.NewSignedInClientAsync("Nova Newcomer", therapist: null);
        var refused = await (await client.PostAsJsonAsync($"/api/clients/{clientId}/match-suggestions", new { }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("chooses your therapist with you", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var answers = Enumerable.Range(1, 9).ToDictionary(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), i => (string?)(i == 9 ? "0" : "2"));
        var intake = await admin.PostAsJsonAsync("/api/responses", new { clientId, instrumentId = "phq-9", answers, completedAt = app.Clock.GetCurrentInstant().ToDateTimeOffset() }, OnTrackApp.Json);
        Assert.Equal(HttpStatusCode.Created, intake.StatusCode); // PHQ-9 16 at intake: depression is the client's area
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/matching/settings", new { clientsMayChoose = true }, OnTrackApp.Json)).StatusCode);
        try
        {
            var offered = await (await client.PostAsJsonAsync($"/api/clients/{clientId}/match-suggestions", new { }, OnTrackApp.Json)).ReadAsync<MatchSuggestionDto>();
            Assert.True(offered.OfferedToClient);
            Assert.NotEmpty(offered.Candidates);
            Assert.All(offered.Candidates, c => Assert.True(c.Suggested));
            Assert.All(offered.Candidates.SelectMany(c => c.For.Concat(c.Against)), r => Assert.DoesNotContain("past clients", r, StringComparison.Ordinal));

            // The stored suggestion keeps every reason for the clinic's staff.
            var staffView = (await admin.GetFromJsonAsync<List<MatchSuggestionDto>>($"/api/clients/{clientId}/match-suggestions", OnTrackApp.Json))!;
            Assert.Contains(staffView.Single().Candidates.SelectMany(c => c.For.Concat(c.Against)), r => r.Contains("past clients", StringComparison.Ordinal));

            var samuel = await app.TherapistIdAsync("Samuel Okafor");
            if (offered.Candidates.All(c => c.TherapistId != samuel))
            {
                await (await client.PostAsJsonAsync($"/api/clients/{clientId}/match-suggestions/{offered.Id}/choose", new { therapistId = samuel }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
            }

            var pick = offered.Candidates[^1];
            var chosen = await (await client.PostAsJsonAsync($"/api/clients/{clientId}/match-suggestions/{offered.Id}/choose", new { therapistId = pick.TherapistId }, OnTrackApp.Json)).ReadAsync<MatchSuggestionDto>();
            Assert.Equal(("client", pick.Rank), (chosen.ChosenBy!, chosen.ChosenRank!.Value));
            Assert.Equal(pick.TherapistId, await app.WithDbAsync(db => db.ClientRecords.Where(c => c.Id == clientId).Select(c => c.PrimaryTherapistId).SingleAsync()));

            // With a therapist now, the client cannot ask for suggestions again themself (a change goes through the clinic).
            await (await client.PostAsJsonAsync($"/api/clients/{clientId}/match-suggestions", new { }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        }
        finally
        {
            await admin.PutAsJsonAsync("/api/matching/settings", new { clientsMayChoose = false }, OnTrackApp.Json);
        }
    }

    [Fact]
    public async Task SuggestingAndChoosing_AreForWhoeverMayMoveTheClient_OthersAreAnsweredNotFound()
    {
        var (clientId, _) = await app.NewSignedInClientAsync("Pat Private");
        var elena = await app.SignInAsync(Elena); // not on the client's care team
        await (await elena.PostAsJsonAsync($"/api/clients/{clientId}/match-suggestions", new { }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.NotFound);
        await (await elena.GetAsync($"/api/clients/{clientId}/match-suggestions")).ProblemAsync(HttpStatusCode.NotFound);
        var reception = await app.SignInAsReceptionAsync();
        await (await reception.PostAsJsonAsync($"/api/clients/{clientId}/match-suggestions", new { }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.NotFound);

        var maya = await app.SignInAsync(Maya); // the primary therapist may suggest a change of therapist
        var answers = Enumerable.Range(1, 9).ToDictionary(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), i => (string?)(i == 9 ? "0" : "2"));
        Assert.Equal(HttpStatusCode.Created, (await maya.PostAsJsonAsync("/api/responses", new { clientId, instrumentId = "phq-9", answers, completedAt = app.Clock.GetCurrentInstant().ToDateTimeOffset() }, OnTrackApp.Json)).StatusCode);
        var made = await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/match-suggestions", new { offerToClient = true }, OnTrackApp.Json)).ReadAsync<MatchSuggestionDto>();
        Assert.Equal("changeOfTherapist", made.Purpose);
        Assert.Equal(["depression"], made.Areas);
        Assert.DoesNotContain(made.Candidates, c => c.Name == "Dr. Maya Chen"); // never the current therapist

        // A therapist sees what past clients' outcomes say about themself only (as in their outcome profile); an admin about everyone.
        Assert.All(made.Candidates.SelectMany(c => c.For.Concat(c.Against)), r => Assert.DoesNotContain("past clients", r, StringComparison.Ordinal));
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var adminView = (await admin.GetFromJsonAsync<List<MatchSuggestionDto>>($"/api/clients/{clientId}/match-suggestions", OnTrackApp.Json))!.Single();
        Assert.Contains(adminView.Candidates.SelectMany(c => c.For.Concat(c.Against)), r => r.Contains("past clients", StringComparison.Ordinal));

        // As in any transfer, the therapist records that the client agrees; an admin need not.
        var noConsent = await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/match-suggestions/{made.Id}/choose", new { therapistId = made.Candidates[0].TherapistId }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("agrees", noConsent.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Set<MatchSuggestion>().Where(s => s.Id == made.Id).Select(s => s.ChosenAt).SingleAsync())); // nothing half-saved

        var other = await app.SignInAsync(await OtherClinic.CreateWithAdminAsync(app), OtherClinic.AdminPassword);
        await (await other.PostAsJsonAsync($"/api/clients/{clientId}/match-suggestions/{made.Id}/choose", new { therapistId = made.Candidates[0].TherapistId }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.NotFound);
        await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/match-suggestions/{Guid.NewGuid()}/choose", new { therapistId = made.Candidates[0].TherapistId }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Profiles_AreChangedByTheTherapistOrAnAdmin_ClientsSeeThemWithoutStyleOrGender_AndBadInputIsRefused()
    {
        var elena = await app.SignInAsync(Elena);
        var elenaId = await app.TherapistIdAsync("Elena Ruiz");
        var mayaId = await app.TherapistIdAsync("Dr. Maya Chen");
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        await WithRoomForNewClientsAsync(admin, async () => await ChangeProfilesAsync(elena, admin, elenaId, mayaId));
    }

    private async Task ChangeProfilesAsync(HttpClient elena, HttpClient admin, Guid elenaId, Guid mayaId)
    {
        var saved = await (await elena.PutAsJsonAsync($"/api/therapists/{elenaId}/profile", new { problemAreas = new[] { "Trauma", "Anxiety", "Trauma" }, approaches = new[] { "Emdr" }, newClientsPerWeek = 1 }, OnTrackApp.Json)).ReadAsync<TherapistProfileDto>();
        Assert.Equal(["Anxiety or worry", "Trauma"], saved.ProblemAreaWords);
        Assert.Equal(1, saved.NewClientsPerWeek);
        await (await elena.PutAsJsonAsync($"/api/therapists/{mayaId}/profile", new { problemAreas = new[] { "Grief" } }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.NotFound);
        var tooMany = await (await elena.PutAsJsonAsync($"/api/therapists/{elenaId}/profile", new { newClientsPerWeek = 99 }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("from 0 to 50", tooMany.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await elena.PutAsJsonAsync($"/api/therapists/{elenaId}/profile", new { problemAreas = new[] { "Astrology" } }, OnTrackApp.Json)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<TherapistProfile>().Where(p => p.TherapistId == elenaId).Select(p => p.NewClientsPerWeek).SingleAsync())); // nothing half-saved

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/therapists/{mayaId}/profile", new { problemAreas = new[] { "Depression" }, newClientsPerWeek = 2 }, OnTrackApp.Json)).StatusCode);
        await (await admin.PutAsJsonAsync("/api/matching/settings", new { minCases = 1 }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.BadRequest);

        var staffView = (await admin.GetFromJsonAsync<List<TherapistProfileDto>>("/api/therapist-profiles", OnTrackApp.Json))!;
        Assert.Contains(staffView, p => p.StyleWords.Length > 0);
        var (_, client) = await app.NewSignedInClientAsync("Carla Chooser");
        var clientView = (await client.GetFromJsonAsync<List<TherapistProfileDto>>("/api/therapist-profiles", OnTrackApp.Json))!;
        Assert.Equal(staffView.Select(p => p.TherapistId), clientView.Select(p => p.TherapistId));
        Assert.All(clientView, p => Assert.Equal(("", null), (p.StyleWords, p.Gender)));
        await (await client.PutAsJsonAsync($"/api/therapists/{elenaId}/profile", new { newClientsPerWeek = 3 }, OnTrackApp.Json)).ProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class MatchingTestsOnSqlite(SqliteApp app) : MatchingTests(app), IClassFixture<SqliteApp>;

public sealed class MatchingTestsOnPostgres(PostgresApp app) : MatchingTests(app), IClassFixture<PostgresApp>;
