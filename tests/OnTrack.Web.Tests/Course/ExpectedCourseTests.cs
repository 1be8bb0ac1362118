using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnTrack.Domain.Course;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Features.Course;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Course;

public abstract class ExpectedCourseTests(OnTrackApp app)
{
    private static Dictionary<string, string?> Phq9(int total)
    {
        // Spread the total over items 1–8, item 9 (risk) left at 0.
        var items = new Dictionary<string, string?>();
        for (var i = 1; i <= 9; i++)
        {
            var value = i == 9 ? 0 : Math.Clamp(total - (3 * (i - 1)), 0, 3);
            items[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return items;
    }

    [Fact]
    public async Task DemoClinic_HasExpectedCoursesFittedFromItsOwnData_AndTheRationalRuleWhereTooFew()
    {
        var admin = await app.SignInAsync("admin@demo.ontrack.test");

        var models = await admin.GetFromJsonAsync<List<CourseModelSummary>>("/api/course-models", OnTrackApp.Json);

        var phq = models!.Single(m => m.InstrumentId == "phq-9");
        Assert.StartsWith("expected course", phq.RuleInForce, StringComparison.Ordinal);
        Assert.Equal(39, phq.CompletedCourses); // 15 former clients and 24 from two years back (DemoMatching)
        Assert.InRange(phq.Clients!.Value, 25, 46); // the ended, current and new clients with scores, less those held out for the accuracy check
        Assert.Equal(["(Intercept)", "log1p(session)", "intake", "log1p(session):intake"], phq.FixedEffects!.Keys);
        Assert.StartsWith("rational rule", models!.Single(m => m.InstrumentId == "who-5").RuleInForce, StringComparison.Ordinal);

        var maya = await app.SignInAsync("maya.chen@demo.ontrack.test");
        await (await maya.PostAsync("/api/course-models/refit", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task KeptSums_EqualTheGroupedQuery_AsResponsesAreStoredEditedAndDeleted()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var courses = scope.ServiceProvider.GetRequiredService<ExpectedCourses>();
        var db = scope.ServiceProvider.GetRequiredService<Web.Data.OnTrackDbContext>();
        async Task AssertKeptEqualsGroupedAsync(string instrument)
        {
            var kept = await courses.SumsAsync(instrument, CancellationToken.None);
            var grouped = await courses.GroupedSumsAsync(instrument, CancellationToken.None);
            Assert.Equal(grouped.Select(g => g.ClientId), kept.Select(k => k.ClientId));
            foreach (var ((_, g), (_, k)) in grouped.Zip(kept))
            {
                Assert.Equal(g.Count, k.Count);
                double[] expected = [g.SumF, g.SumF2, g.SumY, g.SumFY, g.SumY2, g.Intake];
                double[] actual = [k.SumF, k.SumF2, k.SumY, k.SumFY, k.SumY2, k.Intake];
                foreach (var (e, a) in expected.Zip(actual))
                {
                    Assert.True(Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Abs(e)), $"kept {a}, grouped {e}");
                }
            }
        }

        // The demo's history, stored before any fit: the migration's backfill and the triggers since.
        await AssertKeptEqualsGroupedAsync("phq-9");
        await AssertKeptEqualsGroupedAsync("gad-7");

        var clinic = await db.Clinics.SingleAsync(c => c.Slug == Web.Data.DemoClinic.Slug);
        var client = new Web.Features.Clients.Client { ClinicId = clinic.Id, FullName = "Kept Sums", Email = "kept.sums@example.test", CreatedAt = OnTrackApp.Start };
        db.ClientRecords.Add(client);
        MeasureResponse Score(int session, decimal total, decimal intake = 18) => new()
        {
            ClinicId = clinic.Id,
            ClientId = client.Id,
            InstrumentId = "phq-9",
            InstrumentVersion = "1",
            CompletedAt = OnTrackApp.Start + NodaTime.Duration.FromDays(7 * session),
            RecordedAt = OnTrackApp.Start,
            Valid = true,
            Total = total,
            CourseSession = session,
            Intake = intake,
        };
        var responses = new[] { Score(0, 18), Score(1, 16), Score(2, 15), Score(3, 11), Score(4, 9) };
        db.Responses.AddRange(responses);
        await db.SaveChangesAsync();
        await AssertKeptEqualsGroupedAsync("phq-9");

        // Edits: a corrected total, a moved session, a response made invalid, another intake.
        responses[1].Total = 17;
        responses[2].CourseSession = 6;
        responses[3].Valid = false;
        responses[4].Intake = 12;
        await db.SaveChangesAsync();
        await AssertKeptEqualsGroupedAsync("phq-9");

        // Deletions: one response, then the rest (the client's row goes with its last score).
        db.Responses.Remove(responses[4]);
        await db.SaveChangesAsync();
        await AssertKeptEqualsGroupedAsync("phq-9");
        Assert.Equal(18, (await db.Set<ClientCourseSums>().AsNoTracking().SingleAsync(s => s.ClientId == client.Id)).Intake);

        db.Responses.RemoveRange(responses[..4]);
        await db.SaveChangesAsync();
        await AssertKeptEqualsGroupedAsync("phq-9");
        Assert.False(await db.Set<ClientCourseSums>().AnyAsync(s => s.ClientId == client.Id));
        db.ClientRecords.Remove(client);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task GroupedQuerySums_EqualSumsOverTheRows_AndGiveTheSameFit()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().BecomeSystem();
        var courses = scope.ServiceProvider.GetRequiredService<ExpectedCourses>();
        var db = scope.ServiceProvider.GetRequiredService<Web.Data.OnTrackDbContext>();

        var fromDatabase = await courses.GroupedSumsAsync("phq-9", CancellationToken.None);
        var rows = await db.Responses.Where(r => r.InstrumentId == "phq-9" && r.Valid && r.CourseSession > 0).ToListAsync();
        var fromRows = rows.GroupBy(r => r.ClientId).OrderBy(g => g.Key)
            .Select(g => ClientSums.FromScores(TimeScale.Log1P, (double)g.First().Intake!.Value, g.Select(r => ((double)r.CourseSession!.Value, (double)r.Total!.Value))))
            .ToArray();

        Assert.Equal(fromRows.Length, fromDatabase.Count);
        for (var i = 0; i < fromRows.Length; i++)
        {
            var (a, b) = (fromDatabase[i].Sums, fromRows[i]);
            Assert.Equal(b.Count, a.Count);
            Assert.Equal(b.Intake, a.Intake);
            foreach (var (x, y) in new[] { (a.SumF, b.SumF), (a.SumF2, b.SumF2), (a.SumY, b.SumY), (a.SumFY, b.SumFY), (a.SumY2, b.SumY2) })
            {
                Assert.Equal(y, x, 1e-9 * Math.Max(1, Math.Abs(y)));
            }
        }

        var fitDb = CourseFitter.Fit(fromDatabase.Select(c => c.Sums).ToArray(), ExpectedCourses.Options);
        var fitRows = CourseFitter.Fit(fromRows, ExpectedCourses.Options);
        Assert.Equal(fitRows.Criterion, fitDb.Criterion, 1e-7 * Math.Abs(fitRows.Criterion));
    }

    [Fact]
    public async Task NewScore_FarWorseThanExpectedForTheIntake_IsNotOnTrack_AndRaisesOneAlert()
    {
        var anonymous = app.CreateClient();
        var service = await anonymous.ServiceAsync("Individual therapy");
        var elena = await app.TherapistIdAsync("Elena Ruiz");
        var (_, booked) = await app.BookedAsNewClientAsync(new { serviceId = service.Id, therapistId = elena, start = Phoenix.At("2026-03-04T09:00"), newClient = Http.NewClient("Noor Course") });
        var clientId = await app.WithDbAsync(db => db.Participants.Where(p => p.AppointmentId == booked.Appointments[0].Id).Select(p => p.ClientId).SingleAsync());
        var staff = await app.SignInAsync("elena.ruiz@demo.ontrack.test");
        var start = OnTrackApp.Start.ToDateTimeOffset();

        async Task<ResponseDto> PaperAsync(int total, int weeksAgo) =>
            (await (await staff.PostAsJsonAsync("/api/responses", new { clientId, instrumentId = "phq-9", completedAt = start - TimeSpan.FromDays(7 * weeksAgo), answers = Phq9(total) }, OnTrackApp.Json))
                .ReadAsync<SubmissionResult>()).Response;

        await PaperAsync(12, 3);
        await PaperAsync(20, 2);
        await PaperAsync(22, 1);

        var stored = await app.WithDbAsync(db => db.Responses.Where(r => r.ClientId == clientId).OrderBy(r => r.CompletedAt).ToListAsync());
        Assert.Equal([0, 1, 2], stored.Select(r => r.CourseSession));
        Assert.All(stored, r => Assert.Equal(12m, r.Intake));
        Assert.Null(stored[0].CourseStatus);
        Assert.Equal(CourseStatus.NotOnTrack, stored[1].CourseStatus);
        Assert.Equal("model", stored[1].CourseRule);
        Assert.Equal(CourseStatus.NotOnTrack, stored[2].CourseStatus);
        var notOnTrack = await app.WithDbAsync(db => db.Alerts.Where(a => a.ClientId == clientId && a.Kind == AlertKind.NotOnTrack).ToListAsync());
        Assert.Equal(stored[1].Id, Assert.Single(notOnTrack).ResponseId);

        var caseload = await staff.GetFromJsonAsync<List<CaseloadRow>>("/api/caseload", OnTrackApp.Json);
        Assert.Equal(CaseColour.Red, caseload!.Single(r => r.ClientId == clientId).Status);
    }

    [Fact]
    public async Task Refit_WithTooFewEndedCourses_KeepsTheRationalRule_AndSaysWhy()
    {
        var admin = await app.SignInAsync("admin@demo.ontrack.test");

        var outcomes = await (await admin.PostAsync("/api/course-models/refit", null)).ReadAsync<List<RefitOutcome>>();

        Assert.True(outcomes.Single(o => o.InstrumentId == "phq-9").Fitted);
        var who = outcomes.Single(o => o.InstrumentId == "who-5");
        Assert.False(who.Fitted);
        Assert.Contains("fewer than the clinic's minimum of 10", who.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduledRefit_OnTwoNodesAtOnce_RunsOnceAndStoresOneModelPerInstrument()
    {
        await using var secondNode = new SecondNode(app);
        var refits = new[] { app.Services.GetRequiredService<ScheduledCourseRefit>(), secondNode.Services.GetRequiredService<ScheduledCourseRefit>() };

        // The first look sets the schedule: the first refit is one interval away.
        Assert.False(await refits[0].RunIfDueAsync(CancellationToken.None));
        var before = app.Clock.GetCurrentInstant();
        app.Clock.Advance(NodaTime.Duration.FromDays(1) + NodaTime.Duration.FromMinutes(1));
        try
        {
            var ran = await Task.WhenAll(refits.Concat(refits).Select(r => Task.Run(() => r.RunIfDueAsync(CancellationToken.None))));

            Assert.Single(ran, r => r);
            var perInstrument = await app.WithDbAsync(db => db.CourseModels.Where(m => m.FittedAt > before).GroupBy(m => m.InstrumentId).Select(g => g.Count()).ToListAsync());
            Assert.NotEmpty(perInstrument);
            Assert.All(perInstrument, count => Assert.Equal(1, count));
            Assert.False(await refits[1].RunIfDueAsync(CancellationToken.None));
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }
}

public sealed class ExpectedCourseTestsOnSqlite(SqliteApp app) : ExpectedCourseTests(app), IClassFixture<SqliteApp>;

public sealed class ExpectedCourseTestsOnPostgres(PostgresApp app) : ExpectedCourseTests(app), IClassFixture<PostgresApp>;
