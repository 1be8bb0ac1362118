using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using NodaTime;
using OnTrack.Web.Features.Notifications;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Notifications;

/// <summary>Emails are written with the booking and delivered later, once each, even by several app instances.</summary>
public abstract class OutboxTests(OnTrackApp app)
{
    private async Task<BookingResponse> BookAsync(string name, string local, string repeat = "None", int sessions = 1)
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync("Dr. Maya Chen");
        return (await app.BookedAsNewClientAsync(new { serviceId = service.Id, therapistId = maya, start = Phoenix.At(local), repeat, sessions, newClient = Http.NewClient(name) })).Booking;
    }

    private static WebApplicationFactory<Program> Instance(OnTrackApp app, int smtpPort) => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("OnTrack:Email:Delivery", "Smtp");
        b.UseSetting("OnTrack:Email:SmtpHost", "127.0.0.1");
        b.UseSetting("OnTrack:Email:SmtpPort", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
    });

    [Fact]
    public async Task Dispatch_ByTwoInstancesAtOnce_DeliversEachDueMessageExactlyOnce()
    {
        await BookAsync("Mail Twice", "2026-03-11T15:00", "Weekly", 3);
        using var smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var first = Instance(app, smtp.Configuration.Port);
        await using var second = Instance(app, smtp.Configuration.Port);
        var dispatchers = new[] { first.Services.GetRequiredService<OutboxDispatcher>(), second.Services.GetRequiredService<OutboxDispatcher>() };
        var now = app.Clock.GetCurrentInstant();
        var due = await app.WithDbAsync(db => db.Outbox.Where(m => m.SentAt == null && !m.Withdrawn && m.NotBefore <= now).Select(m => m.Id).ToListAsync());
        Assert.NotEmpty(due);

        var delivered = await Task.WhenAll(dispatchers.Concat(dispatchers).Select(d => Task.Run(() => d.DispatchDueAsync(CancellationToken.None))));

        Assert.Equal(due.Count, delivered.Sum());
        Assert.Equal(due.Count, smtp.ReceivedEmailCount);
        var messageIds = smtp.ReceivedEmail.Select(m => m.Headers["Message-ID"]!.Trim('<', '>')).ToList();
        Assert.Equal(due.Select(id => $"{id:N}@ontrack").Order(), messageIds.Order());
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(m => due.Contains(m.Id) && m.SentAt == null)));

        // Nothing more to do for anyone.
        Assert.Equal(0, await dispatchers[1].DispatchDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reminder_IsSentOnlyWhenDue_AtTheSameLocalTimeTheDayBefore()
    {
        var booking = await BookAsync("Remind Me", "2026-03-31T15:00");
        var appointmentId = booking.Appointments[0].Id;
        var reminder = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.AppointmentId == appointmentId && m.Kind == "reminder"));
        Assert.Equal(Instant.FromDateTimeOffset(Phoenix.At("2026-03-30T15:00")), reminder.NotBefore);

        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        Assert.Null((await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.Id == reminder.Id))).SentAt);

        app.Clock.Reset(reminder.NotBefore);
        try
        {
            await dispatcher.DispatchDueAsync(CancellationToken.None);
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }

        Assert.NotNull((await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.Id == reminder.Id))).SentAt);
        var file = Path.Combine(app.MailFolder, $"{reminder.Id:N}.eml");
        Assert.True(File.Exists(file));
        Assert.Contains("Subject: Reminder: Individual therapy", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirmation_CarriesAnICalendarFileInTheClinicsZone()
    {
        var booking = await BookAsync("Cal Endar", "2026-03-26T15:00");
        var email = booking.Appointments[0].Clients[0];
        var ics = await app.WithDbAsync(db => db.Outbox.Where(m => m.Kind == "booking-confirmation" && m.TextBody.Contains("2026")).OrderByDescending(m => m.CreatedAt)
            .Select(m => m.CalendarAttachment).FirstAsync());

        Assert.Contains("BEGIN:VTIMEZONE", ics, StringComparison.Ordinal);
        Assert.Contains("TZID:America/Phoenix", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=America/Phoenix:20260326T150000", ics, StringComparison.Ordinal);
        Assert.Contains("DTEND;TZID=America/Phoenix:20260326T155000", ics, StringComparison.Ordinal);
        Assert.Contains($"UID:{booking.Appointments[0].Id:N}@ontrack", ics, StringComparison.Ordinal);
        Assert.NotNull(email);
    }

    [Fact]
    public async Task Dispatch_AfterTheClaimingNodeCrashed_DeliversTheRiskAlertWithinTwoMinutes()
    {
        // A node claimed the therapist's risk email (as DispatchDueAsync does) and died before sending it.
        var lease = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value.Lease;
        var now = app.Clock.GetCurrentInstant();
        var message = await app.WithDbAsync(async db =>
        {
            var clinicId = await db.Clinics.Select(c => c.Id).FirstAsync();
            var m = OutboxMessage.Email(clinicId, now, "maya.chen@demo.ontrack.test", "risk-alert", "Risk alert", "A client endorsed a risk item.");
            m.LockedBy = "crashed-node";
            m.LockedUntil = now + Duration.FromTimeSpan(lease);
            m.Attempts = 1;
            db.Outbox.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });

        app.Clock.Advance(Duration.FromMinutes(2));
        try
        {
            await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
            Assert.NotNull(await app.WithDbAsync(db => db.Outbox.Where(m => m.Id == message).Select(m => m.SentAt).SingleAsync()));
            Assert.True(File.Exists(Path.Combine(app.MailFolder, $"{message:N}.eml")));
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    [Fact]
    public async Task PickupDelivery_InterruptedWhileWriting_LeavesNoFileBehind()
    {
        var delivery = app.Services.GetRequiredService<MailDelivery>();
        var message = OutboxMessage.Email(Guid.NewGuid(), app.Clock.GetCurrentInstant(), "someone@example.test", "test", "Interrupted", "Never written.");
        using var interrupted = new CancellationTokenSource();
        await interrupted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivery.DeliverAsync(message, interrupted.Token));

        Assert.Empty(Directory.EnumerateFiles(app.MailFolder, $"*{message.Id:N}*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task CalendarFeed_WithTheTherapistsToken_ListsTheirSessionsWithInitialsOnly()
    {
        var token = await app.WithDbAsync(db => db.Therapists.Where(t => t.DisplayName == "Dr. Maya Chen").Select(t => t.CalendarFeedToken).SingleAsync());
        var client = app.CreateClient();

        var response = await client.GetAsync($"/calendar/{token}.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync();
        Assert.Contains("SUMMARY:Individual therapy (A.M.)", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("Alex Morgan", ics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/calendar/{new string('a', 48)}.ics")).StatusCode);
    }
}

public sealed class OutboxTestsOnSqlite(SqliteApp app) : OutboxTests(app), IClassFixture<SqliteApp>;

public sealed class OutboxTestsOnPostgres(PostgresApp app) : OutboxTests(app), IClassFixture<PostgresApp>;
