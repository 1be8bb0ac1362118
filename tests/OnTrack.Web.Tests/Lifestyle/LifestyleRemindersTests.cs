using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OnTrack.Web.Features.Lifestyle;
using OnTrack.Web.Features.Notifications;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Lifestyle;

public abstract class LifestyleRemindersTests(OnTrackApp app)
{
    /// <summary>20:00 in London on Monday 2 March 2026 (London is on UTC until the end of March).</summary>
    private static readonly Instant MondayEvening = Instant.FromUtc(2026, 3, 2, 20, 0);

    private static readonly Duration Day = Duration.FromDays(1);

    [Fact]
    public async Task Reminder_IsSentOnceAtTheChosenTimeInTheClientsZone_NotBefore_AndAgainTheNextDay()
    {
        var (clientId, _, email) = await NewClientWithRemindersAsync("Rita Reminder");
        try
        {
            // 08:00 in Phoenix is 15:00 in London: not yet.
            await RunAsync();
            app.Clock.Reset(MondayEvening - Duration.FromMinutes(1));
            await RunAsync();
            Assert.Empty(await RemindersToAsync(email));

            app.Clock.Reset(MondayEvening);
            await RunAsync();
            await RunAsync();
            app.Clock.Advance(Duration.FromHours(3)); // 23:00, still Monday
            await RunAsync();
            var sent = Assert.Single(await RemindersToAsync(email));
            Assert.Equal((LifestyleReminders.Subject, MondayEvening), (sent.Subject, sent.NotBefore));

            // Tuesday: not at 19:00, then once at 20:05.
            app.Clock.Reset(MondayEvening + Day - Duration.FromHours(1));
            await RunAsync();
            Assert.Single(await RemindersToAsync(email));
            app.Clock.Reset(MondayEvening + Day + Duration.FromMinutes(5));
            await RunAsync();
            Assert.Equal(2, (await RemindersToAsync(email)).Count);
            Assert.Equal(new LocalDate(2026, 3, 3), await LastReminderForAsync(clientId));
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    [Fact]
    public async Task Reminder_SaysNothingClinical_AndCarriesTheOneTapStop()
    {
        var (_, client, email) = await NewClientWithRemindersAsync("Cleo Clean");
        try
        {
            // A low mood yesterday must not show up in today's reminder.
            app.Clock.Reset(MondayEvening + Day);
            Assert.Equal(HttpStatusCode.OK, (await CheckInAsync(client, await ClientIdOfAsync(email), "2026-03-02", mood: 1)).StatusCode);
            await RunAsync();
            var sent = Assert.Single(await RemindersToAsync(email));
            var text = sent.Subject + "\n" + sent.TextBody;
            Assert.DoesNotContain("mood", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("therap", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Maya", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Chen", text, StringComparison.Ordinal);
            Assert.DoesNotContain("score", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Cleo", text, StringComparison.Ordinal);
            Assert.Contains("OnTrack Demo Clinic", sent.TextBody, StringComparison.Ordinal);
            Assert.Contains("http://localhost:5080/my/today", sent.TextBody, StringComparison.Ordinal);

            var token = await StopTokenAsync(email);
            Assert.Contains($"Stop these reminders: http://localhost:5080/reminders/stop?token={token}", sent.TextBody, StringComparison.Ordinal);
            Assert.Equal($"http://localhost:5080/api/lifestyle/reminders/stop?token={token}", sent.UnsubscribeUrl);
            Assert.Equal(LifestyleReminders.Kind, sent.Kind);
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    [Fact]
    public async Task Reminder_IsNotSent_WhenTheClientHasCheckedInToday_NorToDischargedClientsOrClientsWithoutEmail()
    {
        var (clientId, client, email) = await NewClientWithRemindersAsync("Tess Today");
        var (dischargedId, _, discharged) = await NewClientWithRemindersAsync("Dan Discharged");
        var (noEmailId, _, _) = await NewClientWithRemindersAsync("Nell Noemail");
        await app.WithDbAsync(async db =>
        {
            await db.ClientRecords.Where(c => c.Id == dischargedId).ExecuteUpdateAsync(s => s.SetProperty(c => c.DischargedAt, OnTrackApp.Start));
            return await db.ClientRecords.Where(c => c.Id == noEmailId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Email, ""));
        });
        try
        {
            // Breathing minutes alone are not a check-in; the check-in itself is.
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/clients/{clientId}/lifestyle/breathing", new { minutes = 3 })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await CheckInAsync(client, clientId, "2026-03-02", mood: 4)).StatusCode);
            app.Clock.Reset(MondayEvening);
            await RunAsync();
            Assert.Empty(await RemindersToAsync(email));
            Assert.Empty(await RemindersToAsync(discharged));
            Assert.False(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.Kind == LifestyleReminders.Kind && m.To == "")));
            Assert.Equal(new LocalDate(2026, 3, 2), await LastReminderForAsync(clientId)); // the day is done

            // Tuesday without a check-in: the reminder comes.
            app.Clock.Reset(MondayEvening + Day);
            await RunAsync();
            Assert.Single(await RemindersToAsync(email));
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    [Fact]
    public async Task Reminder_IsSentOnce_WhenTwoNodesRunAtOnce()
    {
        var (_, _, email) = await NewClientWithRemindersAsync("Nico Nodes");
        try
        {
            app.Clock.Reset(MondayEvening + Duration.FromMinutes(10));
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(RunAsync)));
            Assert.Single(await RemindersToAsync(email));
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    [Fact]
    public async Task AfterADayDown_YesterdaysReminderIsNotSentLate()
    {
        var (_, _, email) = await NewClientWithRemindersAsync("Dora Down");
        try
        {
            // Down from Monday afternoon to Wednesday morning: nothing is sent for Monday or Tuesday.
            app.Clock.Reset(MondayEvening + Day + Day - Duration.FromHours(12));
            await RunAsync();
            Assert.Empty(await RemindersToAsync(email));
            app.Clock.Reset(MondayEvening + Day + Day);
            await RunAsync();
            Assert.Single(await RemindersToAsync(email));
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    [Fact]
    public async Task OneClickStop_WorksCrossSiteWithoutCookies_StopsReminders_AndAnswersTheSameForAnUnknownToken()
    {
        var (clientId, client, email) = await NewClientWithRemindersAsync("Olly Oneclick");
        var token = await StopTokenAsync(email);
        try
        {
            // As a mail app posts it (RFC 8058): from its own site, form data, no cookie, no antiforgery token.
            var mailApp = app.CreateClient();
            Assert.Equal(HttpStatusCode.NoContent, (await OneClickAsync(mailApp, "not-a-token")).StatusCode);
            Assert.True(await RemindersOnAsync(clientId));
            var stopped = await OneClickAsync(mailApp, token);
            Assert.Equal(HttpStatusCode.NoContent, stopped.StatusCode);
            Assert.False(await RemindersOnAsync(clientId));
            Assert.Equal(HttpStatusCode.NoContent, (await OneClickAsync(mailApp, token)).StatusCode); // used: the same answer

            app.Clock.Reset(MondayEvening + Day);
            await RunAsync();
            Assert.Empty(await RemindersToAsync(email));

            // Turned on again: a new secret, and the old link no longer stops them.
            app.Clock.Reset(OnTrackApp.Start + Day);
            await TurnOnAsync(client, clientId);
            var fresh = await StopTokenAsync(email);
            Assert.NotEqual(token, fresh);
            Assert.Equal(HttpStatusCode.NoContent, (await OneClickAsync(mailApp, token)).StatusCode);
            Assert.True(await RemindersOnAsync(clientId));
            app.Clock.Reset(MondayEvening + Day);
            await RunAsync();
            Assert.Single(await RemindersToAsync(email));
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    [Fact]
    public async Task StopPage_StopsRemindersWithItsButton_AndSaysTheSameForAnUnknownToken()
    {
        var (clientId, _, email) = await NewClientWithRemindersAsync("Stella Stoppage");
        var token = await StopTokenAsync(email);
        try
        {
            var browser = app.Browser();

            // Opening the link (as a mail scanner would) changes nothing.
            var page = await browser.GetStringAsync($"/reminders/stop?token={token}");
            Assert.Contains("Stop my daily reminders", page, StringComparison.Ordinal);
            Assert.True(await RemindersOnAsync(clientId));

            var unknown = await browser.PostFormAsync("/reminders/stop?token=ABCDEF", "stop-reminders", new() { ["Token"] = "ABCDEF" });
            Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
            var unknownText = await unknown.Content.ReadAsStringAsync();
            Assert.True(await RemindersOnAsync(clientId));

            // A secret that is not hex (a NUL, which PostgreSQL refuses in text) is answered like any unknown one, not with a 500.
            Assert.Equal(HttpStatusCode.NoContent, (await app.CreateClient().PostAsync("/api/lifestyle/reminders/stop?token=%00", null)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostFormAsync("/reminders/stop?token=%00", "stop-reminders", new() { ["Token"] = "\0" })).StatusCode); // as any form field with a NUL

            var done = await browser.PostFormAsync($"/reminders/stop?token={token}", "stop-reminders", new() { ["Token"] = token });
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            var doneText = await done.Content.ReadAsStringAsync();
            const string Stopped = "Stopped. You will get no more reminders. You can turn them on again in the portal under My weeks.";
            Assert.Contains(Stopped, doneText, StringComparison.Ordinal);
            Assert.Contains(Stopped, unknownText, StringComparison.Ordinal);
            Assert.False(await RemindersOnAsync(clientId));

            app.Clock.Reset(MondayEvening + Day);
            await RunAsync();
            Assert.Empty(await RemindersToAsync(email));
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    private async Task<(Guid Id, HttpClient Client, string Email)> NewClientWithRemindersAsync(string name)
    {
        var (id, client) = await app.NewSignedInClientAsync(name);
        await TurnOnAsync(client, id);
        return (id, client, await app.WithDbAsync(db => db.ClientRecords.Where(c => c.Id == id).Select(c => c.Email).SingleAsync()));
    }

    private static async Task TurnOnAsync(HttpClient client, Guid clientId)
    {
        var response = await client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/settings", new { remindersOn = true, reminderAt = "20:00", timeZone = "Europe/London" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<HttpResponseMessage> CheckInAsync(HttpClient client, Guid clientId, string date, int mood) =>
        client.PutAsJsonAsync($"/api/clients/{clientId}/lifestyle/check-ins/{date}", new { mood });

    private static async Task<HttpResponseMessage> OneClickAsync(HttpClient mailApp, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/lifestyle/reminders/stop?token={Uri.EscapeDataString(token)}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }),
        };
        request.Headers.Add("Origin", "https://mail.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        return await mailApp.SendAsync(request);
    }

    private async Task RunAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LifestyleReminders>().RunOnceAsync(CancellationToken.None);
    }

    private Task<List<OutboxMessage>> RemindersToAsync(string email) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.To == email && m.Kind == LifestyleReminders.Kind).ToListAsync());

    private Task<Guid> ClientIdOfAsync(string email) =>
        app.WithDbAsync(db => db.ClientRecords.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());

    private Task<string> StopTokenAsync(string email) =>
        app.WithDbAsync(db => db.Set<LifestyleSettings>().Where(s => db.ClientRecords.Any(c => c.Id == s.ClientId && c.Email == email)).Select(s => s.StopToken).SingleAsync());

    private Task<bool> RemindersOnAsync(Guid clientId) =>
        app.WithDbAsync(db => db.Set<LifestyleSettings>().Where(s => s.ClientId == clientId).Select(s => s.RemindersOn).SingleAsync());

    private Task<LocalDate?> LastReminderForAsync(Guid clientId) =>
        app.WithDbAsync(db => db.Set<LifestyleSettings>().Where(s => s.ClientId == clientId).Select(s => s.LastReminderFor).SingleAsync());
}

public sealed class LifestyleRemindersTestsOnSqlite(SqliteApp app) : LifestyleRemindersTests(app), IClassFixture<SqliteApp>;

public sealed class LifestyleRemindersTestsOnPostgres(PostgresApp app) : LifestyleRemindersTests(app), IClassFixture<PostgresApp>;
