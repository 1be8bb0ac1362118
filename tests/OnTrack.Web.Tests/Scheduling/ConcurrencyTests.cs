using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Scheduling;

/// <summary>No double booking, ever: not under concurrent requests, not from two web nodes on one database.</summary>
public abstract class ConcurrencyTests(OnTrackApp app)
{
    private const int Requests = 24;

    [Fact]
    public async Task ParallelBookingsOfOneSlot_FromTwoNodes_ExactlyOneSucceeds()
    {
        await using var secondNode = new SecondNode(app);
        var nodes = new[] { app.CreateClient(), secondNode.CreateClient() };
        var service = await nodes[0].ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync("Dr. Maya Chen");
        var start = Phoenix.At("2026-03-19T13:00");

        using var gate = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, Requests).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            return await nodes[i % 2].BookAsync(new { serviceId = service.Id, therapistId = maya, start, newClient = Http.NewClient($"Racer {i}") });
        })).ToList();
        gate.Set();
        var responses = await Task.WhenAll(tasks);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var instant = Instant.FromDateTimeOffset(start);
        Assert.Equal(1, await app.WithDbAsync(db => db.Appointments.CountAsync(a => a.TherapistId == maya && a.Start == instant && a.Status == AppointmentStatus.Booked)));
    }

    [Fact]
    public async Task ParallelSeriesSharingOneWeek_ExactlyOneSucceeds()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync("Dr. Maya Chen");

        // Six series of four weekly sessions; each pair shares the time in its third week with the next.
        using var gate = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            return await client.BookAsync(new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-05T15:00").AddDays(7 * (i % 2) * 2), repeat = "Weekly", sessions = 4, newClient = Http.NewClient($"Series Racer {i}") });
        })).ToList();
        gate.Set();
        var responses = await Task.WhenAll(tasks);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var booked = await app.WithDbAsync(db => db.Appointments.Where(a => a.TherapistId == maya && a.Status == AppointmentStatus.Booked).Select(a => new { a.Start, a.BlockedUntil }).ToListAsync());
        foreach (var a in booked)
        {
            Assert.Single(booked, b => b.Start < a.BlockedUntil && a.Start < b.BlockedUntil);
        }
    }

    [Fact]
    public async Task DatabaseItself_RefusesAnOverlappingAppointment_ButNotACancelledOne()
    {
        var maya = await app.TherapistIdAsync("Dr. Maya Chen");
        var mondayTen = Instant.FromDateTimeOffset(Phoenix.At("2026-03-16T10:00")); // Alex's weekly session

        // Bypassing every check in the app: the database still says no.
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            var existing = await db.Appointments.AsNoTracking().FirstAsync(a => a.TherapistId == maya && a.Start == mondayTen);
            db.Appointments.Add(new Appointment
            {
                ClinicId = existing.ClinicId,
                ServiceId = existing.ServiceId,
                TherapistId = maya,
                TimeZoneId = "America/Phoenix",
                Start = mondayTen + Duration.FromMinutes(30),
                End = mondayTen + Duration.FromMinutes(80),
                BlockedUntil = mondayTen + Duration.FromMinutes(90),
            });
            return await db.SaveChangesAsync();
        }));
        Assert.True(ConstraintViolations.IsDoubleBooking(error), error.InnerException?.Message);

        var saved = await app.WithDbAsync(async db =>
        {
            var existing = await db.Appointments.AsNoTracking().FirstAsync(a => a.TherapistId == maya && a.Start == mondayTen);
            db.Appointments.Add(new Appointment
            {
                ClinicId = existing.ClinicId,
                ServiceId = existing.ServiceId,
                TherapistId = maya,
                TimeZoneId = "America/Phoenix",
                Status = AppointmentStatus.Cancelled,
                Start = mondayTen,
                End = mondayTen + Duration.FromMinutes(50),
                BlockedUntil = mondayTen + Duration.FromMinutes(60),
            });
            return await db.SaveChangesAsync();
        });
        Assert.True(saved > 0);
    }
}

public sealed class ConcurrencyTestsOnSqlite(SqliteApp app) : ConcurrencyTests(app), IClassFixture<SqliteApp>;

public sealed class ConcurrencyTestsOnPostgres(PostgresApp app) : ConcurrencyTests(app), IClassFixture<PostgresApp>;
