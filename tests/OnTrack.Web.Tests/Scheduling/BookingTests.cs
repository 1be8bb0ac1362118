using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Tests.Infrastructure;

namespace OnTrack.Web.Tests.Scheduling;

public abstract class BookingTests(OnTrackApp app)
{
    private const string Maya = "Dr. Maya Chen";

    [Fact]
    public async Task Slots_ForAService_AreInTheTherapistsHoursAndSkipBookedTimes()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync(Maya);

        var slots = await client.SlotsAsync(service.Id, maya, from: "2026-03-09", days: 1);

        // Monday: Maya works 09–17 and sees Alex at 10:00 (+10 min buffer until 11:00).
        var times = slots.Select(s => s.LocalStart[11..]).ToList();
        Assert.Contains("09:00", times);
        Assert.DoesNotContain("09:30", times);
        Assert.DoesNotContain("10:00", times);
        Assert.DoesNotContain("10:30", times);
        Assert.Contains("11:00", times);
        Assert.Equal("16:00", times[^1]);
        Assert.All(slots, s => Assert.Equal(maya, s.TherapistId));
    }

    [Fact]
    public async Task Book_NewClientSingleSession_CreatesAccountAppointmentAndEmails()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync(Maya);

        var (_, response) = await app.BookAsNewClientAsync(new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-03T09:00"), newClient = Http.NewClient("Nora New") });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = await response.ReadAsync<BookingResponse>();
        var appointment = Assert.Single(booking.Appointments);
        Assert.Equal("2026-03-03T09:00", appointment.LocalStart);
        Assert.Equal("America/Phoenix", appointment.TimeZone);
        Assert.Equal(Maya, appointment.TherapistName);
        Assert.Equal(["Nora New"], appointment.Clients);
        Assert.Equal(response.Headers.Location!.ToString(), $"/api/appointments/{appointment.Id}");

        var outbox = await app.WithDbAsync(db => db.Outbox.Where(m => m.To.StartsWith("nora.new")).Select(m => m.Kind).ToListAsync());
        Assert.Contains("booking-request", outbox);
        Assert.Contains("booking-confirmation", outbox);
        Assert.Contains("reminder", outbox);
    }

    [Fact]
    public async Task Book_AnySuitableTherapist_PicksOneWhoIsFree()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Individual therapy");

        // Monday 09:30: Maya would run into Alex's 10:00 session; Elena is free until Taylor at 11:00.
        var (_, response) = await app.BookAsNewClientAsync(new { serviceId = service.Id, start = Phoenix.At("2026-03-09T09:30"), newClient = Http.NewClient("Any Body") });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = await response.ReadAsync<BookingResponse>();
        Assert.Equal("Elena Ruiz", booking.Appointments[0].TherapistName);
    }

    [Fact]
    public async Task Book_WeeklySeries_BooksEverySessionAtTheSameLocalTime()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync(Maya);

        var (_, response) = await app.BookAsNewClientAsync(new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-04T09:00"), repeat = "Weekly", sessions = 6, newClient = Http.NewClient("Sera Series") });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = await response.ReadAsync<BookingResponse>();
        Assert.NotNull(booking.SeriesId);
        Assert.Equal(6, booking.Appointments.Count);
        Assert.All(booking.Appointments, a => Assert.EndsWith("T09:00", a.LocalStart, StringComparison.Ordinal));
        Assert.Equal(["2026-03-04", "2026-03-11", "2026-03-18", "2026-03-25", "2026-04-01", "2026-04-08"], booking.Appointments.Select(a => a.LocalStart[..10]));
    }

    [Fact]
    public async Task Book_TwiceWeeklySeries_AlternatesDays()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync(Maya);

        var (_, response) = await app.BookAsNewClientAsync(new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-02T15:00"), repeat = "TwiceWeekly", secondDay = "Thursday", sessions = 4, newClient = Http.NewClient("Twice Weekly") });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = await response.ReadAsync<BookingResponse>();
        Assert.Equal(["2026-03-02T15:00", "2026-03-05T15:00", "2026-03-09T15:00", "2026-03-12T15:00"], booking.Appointments.Select(a => a.LocalStart));
    }

    [Fact]
    public async Task Book_SeriesWithOneTakenSession_BooksNothingAndListsTheConflict()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync(Maya);
        var (_, taken) = await app.BookAsNewClientAsync(new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-17T13:00"), newClient = Http.NewClient("First Come") });
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var before = await app.CountAppointmentsAsync();
        var outboxBefore = await app.WithDbAsync(db => db.Outbox.CountAsync());

        var response = await client.BookAsync(new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-03T13:00"), repeat = "Weekly", sessions = 4, newClient = Http.NewClient("Late Comer") });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        var conflict = Assert.Single(problem.GetProperty("conflicts").EnumerateArray());
        Assert.Equal("2026-03-17T13:00", conflict.GetProperty("localTime").GetString());
        Assert.Equal("already booked", conflict.GetProperty("reason").GetString());
        Assert.Equal(before, await app.CountAppointmentsAsync());
        Assert.Equal(outboxBefore, await app.WithDbAsync(db => db.Outbox.CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.FullName == "Late Comer")));
    }

    [Fact]
    public async Task Preview_ListsEverySessionAndWhichAreNotFree_WithoutBookingAnything()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync(Maya);
        var before = await app.CountAppointmentsAsync();

        var response = await client.PostAsJsonAsync("/api/appointments/preview", new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-09T11:00"), repeat = "Weekly", sessions = 3 }, OnTrackApp.Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.ReadAsync<BookingPreview>();
        Assert.False(preview.CanBook);
        Assert.Equal(["2026-03-09T11:00", "2026-03-16T11:00", "2026-03-23T11:00"], preview.Sessions.Select(s => s.LocalStart));
        Assert.Equal([true, true, false], preview.Sessions.Select(s => s.Available));
        Assert.Equal("the therapist is away", preview.Sessions[2].Reason);
        Assert.Equal(before, await app.CountAppointmentsAsync());
    }

    [Fact]
    public async Task Book_RetriedWithTheSameIdempotencyKey_BooksOnceAndAnswersTheSame()
    {
        var anonymous = app.CreateClient();
        var service = await anonymous.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync(Maya);
        var newClient = Http.NewClient("Retry Ron");
        var email = Http.EmailOf(newClient);
        var before = await app.CountAppointmentsAsync();

        async Task<HttpResponseMessage> SendAsync(HttpClient client, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/appointments") { Content = JsonContent.Create(body, options: OnTrackApp.Json) };
            request.Headers.Add("Idempotency-Key", "9a1f6a4e-retry-1");
            return await client.SendAsync(request);
        }

        // The anonymous request, retried: the same answer, one account, one email.
        var asked = new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-12T11:00"), repeat = "Weekly", sessions = 2, newClient };
        var firstAsk = await SendAsync(anonymous, asked);
        var askedAgain = await Task.WhenAll(SendAsync(anonymous, asked), SendAsync(anonymous, asked));
        Assert.All(askedAgain.Prepend(firstAsk), r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.To == email && m.Kind == "booking-request")));
        Assert.Equal(before, await app.CountAppointmentsAsync());

        // The booking, signed in, retried: booked once, the same answer.
        var client = await app.ConfirmAndSignInAsync(newClient);
        var body = new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-12T11:00"), repeat = "Weekly", sessions = 2 };
        var first = await SendAsync(client, body);
        var again = await Task.WhenAll(SendAsync(client, body), SendAsync(client, body));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var booked = await first.ReadAsync<BookingResponse>();
        foreach (var retry in again)
        {
            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
            Assert.Equal(booked.Appointments.Select(a => a.Id), (await retry.ReadAsync<BookingResponse>()).Appointments.Select(a => a.Id));
        }

        Assert.Equal(before + 2, await app.CountAppointmentsAsync());
    }

    [Fact]
    public async Task Reschedule_InsideTheWindow_RecordsTheOldSessionAsALateCancellation()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync(Maya);
        var (mover, booking) = await app.BookedAsNewClientAsync(new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-04T16:00"), newClient = Http.NewClient("Late Mover") });
        var booked = booking.Appointments[0];

        app.Clock.Reset(OnTrackApp.Start + Duration.FromHours(40)); // Wednesday 00:00, sixteen hours before
        try
        {
            var response = await mover.PostAsJsonAsync($"/api/appointments/{booked.Id}/reschedule", new { start = Phoenix.At("2026-03-11T16:00") });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }

        var old = await app.WithDbAsync(db => db.Appointments.SingleAsync(a => a.Id == booked.Id));
        Assert.Equal(AppointmentStatus.LateCancelled, old.Status);
    }

    [Fact]
    public async Task Book_CouplesSession_HoldsBothPartners()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Couples therapy");
        var slot = (await client.SlotsAsync(service.Id, from: "2026-03-05", days: 1))[0];

        var (_, response) = await app.BookAsNewClientAsync(new { serviceId = service.Id, start = slot.Start, newClient = Http.NewClient("Pat Partner"), otherClients = new[] { new { fullName = "Chris Partner", email = $"chris.{Guid.NewGuid():N}@example.test" } } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = await response.ReadAsync<BookingResponse>();
        Assert.Equal(["Pat Partner", "Chris Partner"], booking.Appointments[0].Clients);
    }

    [Fact]
    public async Task Book_TooManyPeopleForTheService_Is422AndWritesNothing()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Couples therapy");
        var before = await app.CountAppointmentsAsync();

        var response = await client.BookAsync(new
        {
            serviceId = service.Id,
            start = Phoenix.At("2026-03-05T12:00"),
            newClient = Http.NewClient("Three Crowd"),
            otherClients = new[] { new { fullName = "Second Person", email = "second@example.test" }, new { fullName = "Third Person", email = "third@example.test" } },
        });

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before, await app.CountAppointmentsAsync());
    }

    [Fact]
    public async Task Book_InvalidInput_AnswersWithAClearProblemAndWritesNothing()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync(Maya);
        var before = await app.CountAppointmentsAsync();
        var users = await app.WithDbAsync(db => db.Users.CountAsync());

        // Unknown service.
        (await (await client.BookAsync(new { serviceId = Guid.NewGuid(), start = Phoenix.At("2026-03-03T09:30"), newClient = Http.NewClient("Bad Input") }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.Contains("service", StringComparison.Ordinal);

        // A time in the past.
        var past = await (await client.BookAsync(new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-02-23T09:00"), newClient = Http.NewClient("Bad Input") }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("past", past.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Outside the therapist's hours (Maya does not work on Fridays).
        var outside = await (await client.BookAsync(new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-06T10:00"), newClient = Http.NewClient("Bad Input") }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("outside the therapist's hours", outside.GetProperty("conflicts")[0].GetProperty("reason").GetString());

        // Malformed dates and ids in the body.
        var malformed = await (await client.PostAsync("/api/appointments", new StringContent($$"""{"serviceId":"{{service.Id}}","start":"next tuesday"}""", System.Text.Encoding.UTF8, "application/json")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("start", malformed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await client.GetAsync($"/api/slots?serviceId={service.Id}&from=03/03/2026")).ProblemAsync(HttpStatusCode.BadRequest);

        // A weak password.
        var weak = await (await client.BookAsync(new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-03T15:00"), newClient = new { fullName = "Weak Password", email = "weak@example.test", password = "short" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(OnTrack.Web.Security.PasswordRules.Text, weak.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Messages are written for a person: no property names.
        var nameless = await (await client.BookAsync(new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-03T15:00"), newClient = new { fullName = "", email = "not-an-email", password = "Test-password-2026" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var detail = nameless.GetProperty("detail").GetString()!;
        Assert.Contains("Your full name is required", detail, StringComparison.Ordinal);
        Assert.Contains("email address does not look right", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("FullName", detail, StringComparison.Ordinal);

        Assert.Equal(before, await app.CountAppointmentsAsync());
        Assert.Equal(users, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Cancel_OutsideTheWindow_IsACancellationAndWithdrawsReminders()
    {
        var alex = await app.SignInAsync("alex.morgan@example.test");
        var mine = await alex.GetFromJsonAsync<List<AppointmentDto>>("/api/appointments?from=2026-03-20T00:00:00Z&to=2026-03-31T00:00:00Z", OnTrackApp.Json);
        var next = mine![0];
        var service = await alex.ServiceAsync("Individual therapy");
        var rebook = await alex.BookAsync(new { serviceId = service.Id, therapistId = next.TherapistId, start = Phoenix.At("2026-03-24T11:00") });
        Assert.Equal(HttpStatusCode.Created, rebook.StatusCode);
        var booked = (await rebook.ReadAsync<BookingResponse>()).Appointments[0];
        Assert.True(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.AppointmentId == booked.Id && m.Kind == "reminder" && !m.Withdrawn)));

        var response = await alex.PostAsync($"/api/appointments/{booked.Id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AppointmentStatus.Cancelled, (await response.ReadAsync<AppointmentDto>()).Status);
        Assert.False(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.AppointmentId == booked.Id && m.Kind == "reminder" && !m.Withdrawn)));
        Assert.True(await app.WithDbAsync(db => db.Outbox.AnyAsync(m => m.Kind == "cancellation" && m.To == "alex.morgan@example.test")));
    }

    [Fact]
    public async Task Cancel_InsideTheWindow_IsRecordedAsLateCancellation()
    {
        var jordan = await app.SignInAsync("jordan.lee@example.test");
        var mine = await jordan.GetFromJsonAsync<List<AppointmentDto>>("/api/appointments?from=2026-03-02T00:00:00Z&to=2026-03-06T00:00:00Z", OnTrackApp.Json);
        var tuesday = Assert.Single(mine!); // Tuesday 3 March 17:00, 33 hours away
        app.Clock.Reset(OnTrackApp.Start + Duration.FromHours(20));
        try
        {
            var response = await jordan.PostAsync($"/api/appointments/{tuesday.Id}/cancel", null);
            Assert.Equal(AppointmentStatus.LateCancelled, (await response.ReadAsync<AppointmentDto>()).Status);
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    [Fact]
    public async Task Reschedule_ToAFreeTime_MovesTheSessionAndFreesTheOldTime()
    {
        var client = app.CreateClient();
        var service = await client.ServiceAsync("Individual therapy");
        var maya = await app.TherapistIdAsync(Maya);
        var (mo, booked) = await app.BookedAsNewClientAsync(new { serviceId = service.Id, therapistId = maya, start = Phoenix.At("2026-03-10T09:00"), newClient = Http.NewClient("Mo Ving") });

        var response = await mo.PostAsJsonAsync($"/api/appointments/{booked.Appointments[0].Id}/reschedule", new { start = Phoenix.At("2026-03-10T14:00") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2026-03-10T14:00", (await response.ReadAsync<AppointmentDto>()).LocalStart);
        var slots = await client.SlotsAsync(service.Id, maya, "2026-03-10", 1);
        Assert.Contains(slots, s => s.LocalStart == "2026-03-10T09:00");
        Assert.DoesNotContain(slots, s => s.LocalStart == "2026-03-10T14:00");
    }

    [Fact]
    public async Task SetStatus_TherapistMarksAttendanceOnceTheSessionStarted()
    {
        var maya = await app.SignInAsync("maya.chen@demo.ontrack.test");
        var today = await maya.GetFromJsonAsync<List<AppointmentDto>>("/api/appointments?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z", OnTrackApp.Json);
        var alexToday = Assert.Single(today!, a => a.Clients.Contains("Alex Morgan"));

        var early = await maya.PostAsJsonAsync($"/api/appointments/{alexToday.Id}/status", new { status = "NoShow" }, OnTrackApp.Json);
        await early.ProblemAsync(HttpStatusCode.UnprocessableEntity);

        app.Clock.Reset(OnTrackApp.Start + Duration.FromHours(3));
        try
        {
            var response = await maya.PostAsJsonAsync($"/api/appointments/{alexToday.Id}/status", new { status = "Attended" }, OnTrackApp.Json);
            Assert.Equal(AppointmentStatus.Attended, (await response.ReadAsync<AppointmentDto>()).Status);
        }
        finally
        {
            app.Clock.Reset(OnTrackApp.Start);
        }
    }

    [Fact]
    public async Task Group_FillsUpToCapacityAndThenRefuses()
    {
        var elena = await app.SignInAsync("elena.ruiz@demo.ontrack.test");
        var admin = await app.SignInAsync(DemoClinic.AdminEmail);
        var service = await elena.ServiceAsync("Anxiety skills group");
        var elenaId = await app.TherapistIdAsync("Elena Ruiz");
        var created = await elena.PostAsJsonAsync("/api/group-sessions", new { serviceId = service.Id, therapistId = elenaId, start = Phoenix.At("2026-03-13T09:00") }, OnTrackApp.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var group = await created.ReadAsync<AppointmentDto>();

        var open = await app.CreateClient().SlotsAsync(service.Id, from: "2026-03-13", days: 1);
        Assert.Equal(service.Capacity, Assert.Single(open, s => s.GroupSessionId == group.Id).SeatsLeft);

        var clients = await app.WithDbAsync(async db =>
        {
            var clinicId = await db.Clinics.Where(c => c.Slug == DemoClinic.Slug).Select(c => c.Id).SingleAsync();
            var made = Enumerable.Range(1, service.Capacity + 1)
                .Select(i => new Features.Clients.Client { ClinicId = clinicId, FullName = $"Group Member {i}", Email = $"member{i}.{Guid.NewGuid():N}@example.test" }).ToList();
            db.ClientRecords.AddRange(made);
            await db.SaveChangesAsync();
            return made.Select(c => c.Id).ToList();
        });
        var results = new List<HttpStatusCode>();
        foreach (var clientId in clients)
        {
            var joined = await admin.PostAsync($"/api/group-sessions/{group.Id}/join?clientId={clientId}", null);
            results.Add(joined.StatusCode);
        }

        Assert.True(service.Capacity == results.Count(s => s == HttpStatusCode.OK), string.Join(",", results));
        Assert.Equal(HttpStatusCode.Conflict, results[^1]);
        Assert.DoesNotContain(await app.CreateClient().SlotsAsync(service.Id, from: "2026-03-13", days: 1), s => s.GroupSessionId == group.Id);
    }
}

public sealed class BookingTestsOnSqlite(SqliteApp app) : BookingTests(app), IClassFixture<SqliteApp>;

public sealed class BookingTestsOnPostgres(PostgresApp app) : BookingTests(app), IClassFixture<PostgresApp>;
