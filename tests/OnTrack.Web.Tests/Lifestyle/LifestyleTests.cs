using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Lifestyle;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Lifestyle;

public abstract class LifestyleTests(OnTrackApp app)
{
    private const string Maya = "maya.chen@demo.ontrack.test";
    private const string Samuel = "samuel.okafor@demo.ontrack.test";

    // The test clock starts on Monday 2 March 2026 at 08:00 in the clinic's zone (Phoenix, no daylight saving).
    private const string Today = "2026-03-02";

    private static object ACheckIn(int mood = 4, decimal? sleepHours = 7.5m, int? activity = 30, string? note = null) =>
        new { mood, sleepHours, sleepQuality = 4, activityMinutes = activity, meals = "regular", eatingQuality = 3, relaxationMinutes = 10, tags = new[] { "work", "Family" }, note };

    [Fact]
    public async Task CheckIn_IsOnePerDay_ASecondSaveReplacesIt_EvenWhenSavesArriveAtOnce()
    {
        var (clientId, client) = await app.NewSignedInClientAsync("Dana Daily");
        var url = $"/api/clients/{clientId}/lifestyle/check-ins/{Today}";

        var first = await (await client.PutAsJsonAsync(url, ACheckIn(mood: 2))).ReadAsync<CheckInDto>();
        Assert.Equal((2, 7.5m, "regular", true), (first.Mood, first.SleepHours!.Value, first.Meals!, first.Editable));
        Assert.Equal(["work", "family"], first.Tags);

        var saves = await Task.WhenAll(Enumerable.Range(1, 5).Select(m => client.PutAsJsonAsync(url, ACheckIn(mood: m))));
        Assert.All(saves, s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));
        var rows = await app.WithDbAsync(db => db.Set<DailyCheckIn>().AsNoTracking().Where(c => c.ClientId == clientId).ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal(new LocalDate(2026, 3, 2), row.Date);

        var listed = (await client.GetFromJsonAsync<List<CheckInDto>>($"/api/clients/{clientId}/lifestyle/check-ins", OnTrackApp.Json))!;
        Assert.Equal(row.Mood, Assert.Single(listed).Mood);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.EntityType == nameof(DailyCheckIn) && e.ClientId == clientId && e.Action == AuditAction.Update)));
    }

    [Fact]
    public async Task CheckIn_CanBeChangedForTodayAndTheTwoDaysBefore_AndNotAfterThat()
    {
        var (clientId, client) = await app.NewSignedInClientAsync("Eddie Edit");
        var days = $"/api/clients/{clientId}/lifestyle/check-ins/";
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync(days + "2026-02-28", ACheckIn())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync(days + "2026-03-01", ACheckIn())).StatusCode);
        var closed = await (await client.PutAsJsonAsync(days + "2026-02-27", ACheckIn())).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("two days before", closed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await client.PutAsJsonAsync(days + "2026-03-03", ACheckIn())).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        try
        {
            // A day on, the entry for 28 February is closed (listed as not editable, a change refused); 1 March still open.
            app.Clock.Advance(Duration.FromDays(1));
            var listed = (await client.GetFromJsonAsync<List<CheckInDto>>($"/api/clients/{clientId}/lifestyle/check-ins?from=2026-02-01&to=2026-03-04", OnTrackApp.Json))!;
            Assert.Equal([false, true], listed.Select(c => c.Editable));
            await (await client.PutAsJsonAsync(days + "2026-02-28", ACheckIn(mood: 1))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(4, await app.WithDbAsync(db => db.Set<DailyCheckIn>().Where(c => c.ClientId == clientId && c.Date == new LocalDate(2026, 2, 28)).Select(c => c.Mood).SingleAsync()));
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    [Fact]
    public async Task TheDay_IsTheClientsOwn_InTheTimeZoneTheyChose()
    {
        var (clientId, client) = await app.NewSignedInClientAsync("Zoe Zone");

        // 15:00 UTC on 2 March is already 04:00 on 3 March in Auckland.
        var settings = await (await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/settings", new { timeZone = "Pacific/Auckland" })).ReadAsync<LifestyleSettingsDto>();
        Assert.Equal(("Pacific/Auckland", new DateOnly(2026, 3, 3)), (settings.TimeZone, settings.Today));
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/check-ins/2026-03-03", ACheckIn())).StatusCode);

        await (await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/settings", new { timeZone = "Mars/Olympus" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/settings", new { reminderAt = "25:00" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Pacific/Auckland", (await client.GetFromJsonAsync<LifestyleSettingsDto>($"/api/clients/{clientId}/lifestyle/settings", OnTrackApp.Json))!.TimeZone);
    }

    [Fact]
    public async Task BadInput_IsAnsweredWithProblemDetailsInWords_AndNothingIsStored()
    {
        var (clientId, client) = await app.NewSignedInClientAsync("Bo Badday");
        var url = $"/api/clients/{clientId}/lifestyle/check-ins/{Today}";
        object[] bad =
        [
            new { mood = 0 },
            new { sleepHours = 7 },
            new { mood = 3, sleepHours = 25 },
            new { mood = 3, sleepQuality = 6 },
            new { mood = 3, activityMinutes = -5 },
            new { mood = 3, meals = "sometimes" },
            new { mood = 3, tags = Enumerable.Range(0, 11).Select(i => $"tag{i}").ToArray() },
            new { mood = 3, tags = new[] { "<script>" } },
            new { mood = 3, note = new string('x', LifestyleLog.MaxNoteLength + 1) },
        ];
        foreach (var body in bad)
        {
            var problem = await (await client.PutAsJsonAsync(url, body)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.DoesNotContain("CheckInRequest", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await (await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/check-ins/2026-13-01", ACheckIn())).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/clients/{clientId}/lifestyle/check-ins?from=2026-03-02&to=2026-01-01")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostAsJsonAsync($"/api/clients/{clientId}/lifestyle/breathing", new { minutes = 11 })).ProblemAsync(HttpStatusCode.BadRequest);

        // An impossible night: trying to sleep before getting into bed.
        var night = await (await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/sleep-diary/{Today}",
            new { bedTime = "22:00", triedToSleepAt = "21:00", minutesToFallAsleep = 10, finalWakeTime = "06:00", outOfBedTime = "06:30", quality = 3 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("21:00", night.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/sleep-diary/{Today}", new { bedTime = "late", quality = 3 })).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.False(await app.WithDbAsync(db => db.Set<DailyCheckIn>().AnyAsync(c => c.ClientId == clientId)));
        Assert.False(await app.WithDbAsync(db => db.Set<SleepDiaryRecord>().AnyAsync(c => c.ClientId == clientId)));
    }

    [Fact]
    public async Task OnlyTheClientKeepsTheLog_TheCareTeamAndAdminsRead_AndEveryoneElseGets404()
    {
        var (clientId, client) = await app.NewSignedInClientAsync("Paz Private");
        var (_, otherClient) = await app.NewSignedInClientAsync("Ola Other");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/check-ins/{Today}", ACheckIn(note: "A hard day at work."))).StatusCode);
        var read = $"/api/clients/{clientId}/lifestyle/check-ins";

        var maya = await app.SignInAsync(Maya);
        Assert.Equal("A hard day at work.", Assert.Single((await maya.GetFromJsonAsync<List<CheckInDto>>(read, OnTrackApp.Json))!).Note);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync(DemoClinic.AdminEmail)).GetAsync(read)).StatusCode);

        // The therapist reads but does not write the client's log; nor does anyone else.
        await (await maya.PutAsJsonAsync($"{read}/{Today}", ACheckIn(mood: 1))).ProblemAsync(HttpStatusCode.NotFound);
        await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/lifestyle/breathing", new { minutes = 3 })).ProblemAsync(HttpStatusCode.NotFound);
        await (await maya.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/settings", new { remindersOn = true })).ProblemAsync(HttpStatusCode.NotFound);
        foreach (var stranger in new[] { await app.SignInAsync(Samuel), otherClient, await app.SignInAsReceptionAsync() })
        {
            await (await stranger.GetAsync(read)).ProblemAsync(HttpStatusCode.NotFound);
            await (await stranger.GetAsync($"/api/clients/{clientId}/lifestyle/export.csv")).ProblemAsync(HttpStatusCode.NotFound);
        }

        var otherAdmin = await app.SignInAsync(await OtherClinic.CreateWithAdminAsync(app), OtherClinic.AdminPassword);
        await (await otherAdmin.GetAsync(read)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(4, await app.WithDbAsync(db => db.Set<DailyCheckIn>().Where(c => c.ClientId == clientId).Select(c => c.Mood).SingleAsync()));

        // Maya's read is audited against the client, and the refusals as denied.
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.ClientId == clientId && e.EntityType == nameof(DailyCheckIn) && e.Action == AuditAction.Read && e.UserName == Maya)));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.ClientId == clientId && e.Action == AuditAction.Denied && e.UserName == Samuel)));

        // The therapist's overview lists the client for Maya, not for Samuel.
        Assert.Contains((await maya.GetFromJsonAsync<List<LoggingClientDto>>("/api/lifestyle/clients", OnTrackApp.Json))!, c => c.ClientId == clientId && c.DaysLoggedLast7 == 1);
        Assert.DoesNotContain((await (await app.SignInAsync(Samuel)).GetFromJsonAsync<List<LoggingClientDto>>("/api/lifestyle/clients", OnTrackApp.Json))!, c => c.ClientId == clientId);
    }

    [Fact]
    public async Task SleepDiary_StoresTheNightItDerived_AndTheWeekAveragesIt()
    {
        var (clientId, client) = await app.NewSignedInClientAsync("Sid Sleeper");
        var diary = await (await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/sleep-diary/{Today}",
            new { bedTime = "22:45", triedToSleepAt = "23:00", minutesToFallAsleep = 20, awakenings = 2, minutesAwakeInNight = 25, finalWakeTime = "06:30", outOfBedTime = "06:50", quality = 4, napMinutes = 30 }))
            .ReadAsync<SleepDiaryDto>();

        // In bed 22:45 → 06:50 = 485 min; asleep (06:30 − 23:00) − 20 − 25 = 405 min; 405 / 485 = 83.5 %; the nap is not counted.
        Assert.Equal((485, 405, 20, 25, 83.5m, 30), (diary.TimeInBedMinutes, diary.TotalSleepMinutes, diary.SleepOnsetLatencyMinutes, diary.WakeAfterSleepOnsetMinutes, diary.SleepEfficiency, diary.NapMinutes!.Value));
        var stored = await app.WithDbAsync(db => db.Set<SleepDiaryRecord>().AsNoTracking().SingleAsync(d => d.ClientId == clientId));
        Assert.Equal(Instant.FromUtc(2026, 3, 2, 5, 45), stored.InBed); // 22:45 on 1 March in Phoenix (UTC−7)

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/check-ins/{Today}", ACheckIn(sleepHours: 9))).StatusCode);
        var week = Assert.Single((await client.GetFromJsonAsync<List<LifestyleWeekDto>>($"/api/clients/{clientId}/lifestyle/weeks?from={Today}&to={Today}", OnTrackApp.Json))!);
        Assert.Equal((new DateOnly(2026, 3, 2), 1, 1, 6.75m, 83.5m), (week.WeekStart, week.DaysLogged, week.DiaryNights, week.MeanTotalSleepHours!.Value, week.MeanSleepEfficiency!.Value));

        // The diary is the night's figure where there is one: 6.75 hours, not the 9 typed into the check-in.
        Assert.Equal(6.75m, week.MeanSleepHours);
    }

    [Fact]
    public async Task Breathing_AddsItsMinutesToTodaysRelaxation_BeforeAndAfterTheCheckIn()
    {
        var (clientId, client) = await app.NewSignedInClientAsync("Bree Breath");
        var breathing = $"/api/clients/{clientId}/lifestyle/breathing";
        var alone = await (await client.PostAsJsonAsync(breathing, new { minutes = 5 })).ReadAsync<CheckInDto>();
        Assert.Equal((null, 5, 5), (alone.Mood, alone.BreathingMinutes, alone.RelaxationMinutes!.Value));

        var checkedIn = await (await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/check-ins/{Today}", ACheckIn())).ReadAsync<CheckInDto>();
        Assert.Equal((4, 5, 15), (checkedIn.Mood, checkedIn.BreathingMinutes, checkedIn.RelaxationMinutes!.Value));
        var again = await (await client.PostAsJsonAsync(breathing, new { minutes = 3 })).ReadAsync<CheckInDto>();
        Assert.Equal((4, 8, 18), (again.Mood, again.BreathingMinutes, again.RelaxationMinutes!.Value));
    }

    [Fact]
    public async Task Steps_AreAgreedByTheTherapist_CountedFromTheLog_AndShownToTheClient()
    {
        var (clientId, client) = await app.NewSignedInClientAsync("Walt Walker");
        var maya = await app.SignInAsync(Maya);
        var steps = $"/api/clients/{clientId}/lifestyle/steps";
        var walk = new { text = "Walk 20 minutes, 3 times a week", kind = "activityAtLeast", minutes = 20, timesPerWeek = 3 };

        // The client sees their steps but agrees them with the therapist, not alone.
        await (await client.PostAsJsonAsync(steps, walk)).ProblemAsync(HttpStatusCode.NotFound);
        var created = await maya.PostAsJsonAsync(steps, walk);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var step = await created.ReadAsync<LifestyleStepDto>();
        Assert.Equal("At least 20 minutes of activity, 3 times a week", step.Rule);

        await (await maya.PostAsJsonAsync(steps, walk with { kind = "swimming" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PostAsJsonAsync(steps, new { text = "Bed early", kind = "bedBy", days = new[] { 1, 8 }, time = "23:30" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PostAsJsonAsync(steps, new { text = "Bed early", kind = "bedBy", minutes = 20, timesPerWeek = 3 })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await maya.PostAsJsonAsync(steps, walk with { text = "" })).ProblemAsync(HttpStatusCode.BadRequest);

        try
        {
            // Monday 30 minutes, Tuesday 25, Wednesday 10: met on 2 days of the 3 asked so far.
            foreach (var minutes in new[] { 30, 25, 10 })
            {
                var day = LocalDate.FromDateTime(app.Clock.GetCurrentInstant().ToDateTimeUtc()).ToString("yyyy-MM-dd", null);
                Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/check-ins/{day}", ACheckIn(activity: minutes))).StatusCode);
                app.Clock.Advance(Duration.FromDays(1));
            }

            var listed = Assert.Single((await client.GetFromJsonAsync<List<LifestyleStepDto>>(steps, OnTrackApp.Json))!);
            var week = Assert.Single(listed.Weeks);
            Assert.Equal((new DateOnly(2026, 3, 2), 2, 3), (week.WeekStart, week.DaysMet, week.DaysWithData));

            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(HttpStatusCode.Created, (await maya.PostAsJsonAsync(steps, new { text = $"Breathe {i}", kind = "relaxationAtLeast", minutes = 5, days = new[] { 1, 2, 3, 4, 5 } })).StatusCode);
            }

            await (await maya.PostAsJsonAsync(steps, walk)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(HttpStatusCode.OK, (await maya.PostAsync($"{steps}/{step.Id}/end", null)).StatusCode);
            await (await maya.PostAsync($"{steps}/{step.Id}/end", null)).ProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal(HttpStatusCode.Created, (await maya.PostAsJsonAsync(steps, walk)).StatusCode);
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    [Fact]
    public async Task Associations_AreShownOnlyWithFourteenDaysOnEachSide_AsAnInterval()
    {
        var (clientId, client) = await app.NewSignedInClientAsync("Ava Assoc");
        var url = $"/api/clients/{clientId}/lifestyle/associations";
        await SeedDaysAsync(clientId, longNights: 14, shortNights: 13);
        var sleep = (await client.GetFromJsonAsync<List<AssociationDto>>(url, OnTrackApp.Json))!.Single(a => a.Id == "sleep");
        Assert.Equal((false, 14, 13, (decimal?)null), (sleep.Shown, sleep.DaysA, sleep.DaysB, sleep.Difference));

        await SeedDaysAsync(clientId, longNights: 0, shortNights: 1, offset: 27);
        sleep = (await client.GetFromJsonAsync<List<AssociationDto>>(url, OnTrackApp.Json))!.Single(a => a.Id == "sleep");
        Assert.True(sleep.Shown);

        // Long nights alternate moods 4 and 5 (mean 4.5); short nights are eight 2s and six 3s (mean 34 / 14 = 2.4286): a difference of 2.07.
        Assert.Equal((4.5m, 2.43m, 2.07m), (sleep.MeanA!.Value, sleep.MeanB!.Value, sleep.Difference!.Value));
        Assert.True(sleep.Lower > 0 && sleep.Lower < 2.07m && sleep.Upper > 2.07m);
    }

    [Fact]
    public async Task Export_IsTheClientsWholeLogAsCsv_WithoutFormulas()
    {
        var (clientId, client) = await app.NewSignedInClientAsync("Cleo Csv");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/check-ins/{Today}", ACheckIn(note: "=SUM(A1), then \"quotes\""))).StatusCode);
        var response = await client.GetAsync($"/api/clients/{clientId}/lifestyle/export.csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("date,mood,sleep_hours", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("2026-03-02,4,7.5,4,30,regular,3,10,0,\"work,family\",\"'=SUM(A1), then \"\"quotes\"\"\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReview_ShowsTheLastFourWeeksOfTheLog_AndOffersAStep()
    {
        var (clientId, client) = await app.NewSignedInClientAsync("Rey Review");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/check-ins/{Today}", ACheckIn(mood: 2))).StatusCode);
        var maya = await app.SignInAsync(Maya);
        var opened = await maya.PostAsJsonAsync($"/api/clients/{clientId}/reviews", new { reason = "Other" }, OnTrackApp.Json);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var review = (await opened.ReadAsync<Web.Features.Reviews.ReviewDto>()).Id;

        var page = await maya.GetStringAsync($"/clients/{clientId}/reviews/{review}");
        Assert.Contains("Lifestyle, the last 4 weeks", page, StringComparison.Ordinal);
        Assert.Contains($"clients/{clientId}/lifestyle?review={review}", page, StringComparison.Ordinal);

        // The step agreed from there names the review.
        var step = await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/lifestyle/steps", new { text = "Regular meals on weekdays", kind = "regularMeals", days = new[] { 1, 2, 3, 4, 5 }, reviewId = review })).ReadAsync<LifestyleStepDto>();
        Assert.Equal(review, step.ReviewId);
        await (await maya.PostAsJsonAsync($"/api/clients/{clientId}/lifestyle/steps", new { text = "Regular meals", kind = "regularMeals", timesPerWeek = 5, reviewId = Guid.NewGuid() })).ProblemAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>Days before today, newest first from <paramref name="offset"/>: long nights (8 h) then short ones (5 h), moods alternating.</summary>
    private Task<int> SeedDaysAsync(Guid clientId, int longNights, int shortNights, int offset = 0) => app.WithDbAsync(async db =>
    {
        var clinicId = await db.ClientRecords.Where(c => c.Id == clientId).Select(c => c.ClinicId).SingleAsync();
        var day = new LocalDate(2026, 3, 1).PlusDays(-offset);
        for (var i = 0; i < longNights + shortNights; i++, day = day.PlusDays(-1))
        {
            var isLong = i < longNights;
            db.Add(new DailyCheckIn { ClinicId = clinicId, ClientId = clientId, Date = day, Mood = (isLong ? 4 : 2) + (i % 2), SleepMinutes = isLong ? 480 : 300, CreatedAt = OnTrackApp.Start, UpdatedAt = OnTrackApp.Start });
        }

        return await db.SaveChangesAsync();
    });
}

public sealed class LifestyleTestsOnSqlite(SqliteApp app) : LifestyleTests(app), IClassFixture<SqliteApp>;

public sealed class LifestyleTestsOnPostgres(PostgresApp app) : LifestyleTests(app), IClassFixture<PostgresApp>;
