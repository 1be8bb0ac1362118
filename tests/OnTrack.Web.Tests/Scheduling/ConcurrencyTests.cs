using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
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

        // Each racer is a new client signed in (on either node: tokens work on both), as a first booking ends.
        var racers = new List<HttpClient>();
        for (var i = 0; i < Requests; i++)
        {
            var token = (await app.NewClientSignedInAsync($"Racer {i}", new { serviceId = service.Id, therapistId = maya, start })).DefaultRequestHeaders.Authorization;
            var racer = i % 2 == 0 ? app.CreateClient() : secondNode.CreateClient();
            racer.DefaultRequestHeaders.Authorization = token;
            racers.Add(racer);
        }

        using var gate = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, Requests).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            return await racers[i].BookAsync(new { serviceId = service.Id, therapistId = maya, start });
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
        object Series(int i) => new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-05T15:00").AddDays(7 * (i % 2) * 2), repeat = "Weekly", sessions = 4 };
        var racers = new List<HttpClient>();
        for (var i = 0; i < 6; i++)
        {
            racers.Add(await app.NewClientSignedInAsync($"Series Racer {i}", Series(i)));
        }

        using var gate = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            return await racers[i].BookAsync(Series(i));
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
    public async Task ParallelBookingsOfOneClient_WithTwoTherapists_FromTwoNodes_BookOneOfEachPair()
    {
        await using var secondNode = new SecondNode(app);
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var nodes = new[] { admin, await OnTrackApp.SignInAsync(secondNode.CreateClient(), DemoClinic.AdminEmail) };
        var service = await admin.ServiceAsync("Individual therapy");
        var therapists = new[] { await app.TherapistIdAsync("Dr. Maya Chen"), await app.TherapistIdAsync("Samuel Okafor") };
        var added = await admin.PostAsJsonAsync("/api/clients", new { fullName = "Two Places", email = $"two.places.{Guid.NewGuid():N}@example.test", invite = false });
        var clientId = (await added.ReadAsync<Features.Clients.ClientDto>()).Id;

        // Six times on a Tuesday both therapists work; for each, one request per therapist, each from its own node.
        var times = Enumerable.Range(11, 6).Select(h => Phoenix.At($"2026-03-17T{h}:00")).ToList();
        using var gate = new ManualResetEventSlim(false);
        var tasks = times.SelectMany(start => Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            return (start, await nodes[i].BookAsync(new { serviceId = service.Id, therapistId = therapists[i], start, clientId }));
        }))).ToList();
        gate.Set();
        var responses = await Task.WhenAll(tasks);

        foreach (var pair in responses.GroupBy(r => r.start))
        {
            Assert.Single(pair, r => r.Item2.StatusCode == HttpStatusCode.Created);
            var lost = await pair.Single(r => r.Item2.StatusCode != HttpStatusCode.Created).Item2.ProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("already has a session", lost.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var booked = await app.WithDbAsync(db => db.Participants.Where(p => p.ClientId == clientId && p.Status == ParticipantStatus.Booked && p.Appointment!.Status == AppointmentStatus.Booked)
            .Select(p => new { p.Appointment!.Start, p.Appointment.End }).ToListAsync());
        Assert.Equal(times.Count, booked.Count);
        foreach (var a in booked)
        {
            Assert.Single(booked, b => b.Start < a.End && a.Start < b.End);
        }
    }

    [Fact]
    public async Task ParallelRetriesWithOneIdempotencyKey_FromTwoNodes_BothGetTheFirstAnswer()
    {
        await using var secondNode = new SecondNode(app);
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var nodes = new[] { admin, await OnTrackApp.SignInAsync(secondNode.CreateClient(), DemoClinic.AdminEmail) };
        var service = await admin.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync("Dr. Maya Chen");
        var times = Enumerable.Range(9, 8).Select(h => Phoenix.At($"2026-03-24T{h:00}:00")).ToList();

        // Staff book existing clients, so nothing but the booking itself can collide.
        var bookings = new List<(DateTimeOffset Start, string Key, Guid ClientId)>();
        foreach (var start in times)
        {
            var added = await admin.PostAsJsonAsync("/api/clients", new { fullName = "Retry Racer", email = $"retry.racer.{Guid.NewGuid():N}@example.test", invite = false });
            bookings.Add((start, Guid.NewGuid().ToString(), (await added.ReadAsync<Features.Clients.ClientDto>()).Id));
        }

        using var gate = new ManualResetEventSlim(false);
        var tasks = bookings.SelectMany(b => Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/appointments")
            {
                Content = JsonContent.Create(new { serviceId = service.Id, therapistId = maya, start = b.Start, clientId = b.ClientId }, options: OnTrackApp.Json),
            };
            message.Headers.Add("Idempotency-Key", b.Key);
            var response = await nodes[i].SendAsync(message);
            return (b.Key, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }))).ToList();
        gate.Set();
        var responses = await Task.WhenAll(tasks);

        foreach (var pair in responses.GroupBy(r => r.Key))
        {
            Assert.All(pair, r => Assert.True(r.StatusCode == HttpStatusCode.Created, $"{(int)r.StatusCode}: {r.Body}"));
            var ids = pair.Select(r => JsonSerializer.Deserialize<BookingResponse>(r.Body, OnTrackApp.Json)!.Appointments[0].Id).Distinct();
            Assert.Single(ids);
        }

        var instants = times.Select(Instant.FromDateTimeOffset).ToList();
        Assert.Equal(times.Count, await app.WithDbAsync(db => db.Appointments.CountAsync(a => a.TherapistId == maya && instants.Contains(a.Start) && a.Status == AppointmentStatus.Booked)));
    }

    [Fact]
    public async Task DatabaseItself_RefusesOneClientInTwoOverlappingSessions_ButNotAfterACancellation()
    {
        var samuel = await app.TherapistIdAsync("Samuel Okafor");
        var mondayTen = Instant.FromDateTimeOffset(Phoenix.At("2026-03-16T10:00")); // Alex's weekly session with Maya
        var alex = await app.WithDbAsync(db => db.ClientRecords.Where(c => c.Email == "alex.morgan@example.test").Select(c => c.Id).SingleAsync());

        Task<int> AddSamuelSessionForAlexAsync(AppointmentStatus status) => app.WithDbAsync(async db =>
        {
            var existing = await db.Appointments.AsNoTracking().FirstAsync(a => a.Start == mondayTen && a.Participants.Any(p => p.ClientId == alex));
            var appointment = new Appointment
            {
                ClinicId = existing.ClinicId,
                ServiceId = existing.ServiceId,
                TherapistId = samuel,
                TimeZoneId = "America/Phoenix",
                Status = status,
                Start = mondayTen + Duration.FromMinutes(30),
                End = mondayTen + Duration.FromMinutes(80),
                BlockedUntil = mondayTen + Duration.FromMinutes(90),
            };
            appointment.Participants.Add(new Participant { ClinicId = existing.ClinicId, ClientId = alex, Seat = 1, Capacity = 1 });
            db.Appointments.Add(appointment);
            return await db.SaveChangesAsync();
        });

        // Bypassing every check in the app: the database still says no.
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => AddSamuelSessionForAlexAsync(AppointmentStatus.Booked));
        Assert.True(ConstraintViolations.IsClientDoubleBooking(error), error.InnerException?.Message);
        Assert.False(ConstraintViolations.IsDoubleBooking(error));
        Assert.True(await AddSamuelSessionForAlexAsync(AppointmentStatus.Cancelled) > 0);

        // Nor may a cancelled session come back to life over another one.
        var revived = await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            var cancelled = await db.Appointments.FirstAsync(a => a.TherapistId == samuel && a.Start == mondayTen + Duration.FromMinutes(30));
            cancelled.Status = AppointmentStatus.Booked;
            return await db.SaveChangesAsync();
        }));
        Assert.True(ConstraintViolations.IsClientDoubleBooking(revived), revived.InnerException?.Message);
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
