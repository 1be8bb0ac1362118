// The large clinic and the requests for bench/web/run.sh.
//   generate PROVIDER CONN MANIFEST [SCALE]   creates clinic "bench" through the app's own code (its DI, entities,
//                                             scorer, alert rules and course fit) on a migrated database
//   requests URL MANIFEST OUTDIR [SLOTS]     signs in over HTTP (POST /api/auth/login) and writes one request
//                                             file per scenario for bench/web/replay.lua
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Course;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Features.Staff;
using OnTrack.Web.Security;

namespace OnTrack.Web.Bench;

internal static class Entry
{
    public static async Task<int> Main(string[] args) => args[0] switch
    {
        "generate" => await Generator.RunAsync(args[1], args[2], args[3], args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 1.0),
        "requests" => await Requests.RunAsync(args[1], args[2], args[3], args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 20000),
        _ => throw new ArgumentException($"unknown mode {args[0]}"),
    };
}

internal sealed record TherapistEntry(string Email, Guid Id, List<Guid> Current);

internal sealed record Manifest(string Password, string Admin, Guid ServiceId, List<TherapistEntry> Therapists, List<Guid> Clients);

/// <summary>The app itself (its services and migrations) on the bench database, without Kestrel.</summary>
internal sealed class App(string provider, string connection, string folder) : WebApplicationFactory<Program>
{
    protected override IHost CreateHost(IHostBuilder builder)
    {
        // bench/OnTrack.WebBench/bin/Release/net10.0 → src/OnTrack.Web (the factory's own guess assumes a test project).
        builder.UseContentRoot(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/OnTrack.Web")));
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("OnTrack:Database:Provider", provider);
        builder.UseSetting("OnTrack:Database:ConnectionString", connection);
        builder.UseSetting("OnTrack:Database:DataFolder", folder);
        builder.UseSetting("OnTrack:Email:RunWorker", "false");
        builder.UseSetting("OnTrack:Measures:RunEscalationWorker", "false");
        builder.UseSetting("OnTrack:Course:RunRefitWorker", "false");
        builder.UseSetting("OnTrack:SeedDemo", "false");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical));
    }
}

internal static class Generator
{
    public const string Password = "OnTrack-Bench-2026";

    /// <summary>60 therapists × 100 clients at scale 1; each client one course of 8–24 weekly sessions within the last two years.</summary>
    public static async Task<int> RunAsync(string provider, string connection, string manifestPath, double scale)
    {
        var watch = Stopwatch.StartNew();
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        await using var app = new App(provider, connection, folder);
        _ = app.Server; // migrate
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<OnTrackDbContext>();
        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        var catalog = sp.GetRequiredService<InstrumentCatalog>();
        var now = SystemClock.Instance.GetCurrentInstant();
        var random = new Random(15);

        var clinic = new Clinic
        {
            Slug = "bench",
            Name = "OnTrack Bench Clinic",
            Address = "1 Load Street, New York, NY 10001",
            Phones = "(555) 010-0100",
            Email = "office@bench.ontrack.test",
            TimeZoneId = "America/New_York",
            CancellationWindowHours = 24,
            CrisisResources = "If you are in danger, call or text 988 or call 911.",
            RequireStaffTwoFactor = false,
        };
        foreach (var day in Weekdays)
        {
            clinic.OpeningHours.Add(new OpeningHours { ClinicId = clinic.Id, Day = day, Start = new LocalTime(8, 0), End = new LocalTime(19, 0) });
        }

        sp.GetRequiredService<Caller>().BecomeSystem(clinic.Id);
        db.Clinics.Add(clinic);
        await db.SaveChangesAsync();

        // One password hash for every account: hashing 61 times would only cost time here.
        var hash = users.PasswordHasher.HashPassword(new ApplicationUser(), Password);
        const string admin = "admin@bench.ontrack.test";
        await CreateUserAsync(users, clinic, "Bench Admin", admin, Roles.Admin, hash);

        var therapistCount = Math.Max(2, (int)Math.Round(60 * scale));
        const int clientsPerTherapist = 100;
        var therapists = new List<Therapist>();
        for (var t = 0; t < therapistCount; t++)
        {
            var email = $"therapist{t + 1:00}@bench.ontrack.test";
            var user = await CreateUserAsync(users, clinic, $"Therapist {t + 1:00}", email, Roles.Therapist, hash);
            var therapist = new Therapist { ClinicId = clinic.Id, UserId = user.Id, DisplayName = $"Therapist {t + 1:00}", Credentials = "LPC", BufferMinutes = 10 };
            foreach (var day in Weekdays)
            {
                therapist.WorkingHours.Add(new WorkingHours { ClinicId = clinic.Id, TherapistId = therapist.Id, Day = day, Start = new LocalTime(9, 0), End = new LocalTime(17, 0) });
            }

            therapists.Add(therapist);
        }

        db.Therapists.AddRange(therapists);
        var service = new Service { ClinicId = clinic.Id, Name = "Individual therapy", Description = "A 50-minute one-to-one session.", Format = SessionFormat.Individual, Capacity = 1, DurationMinutes = 50, Modality = Modality.InPerson };
        service.Therapists.AddRange(therapists.Select(t => new ServiceTherapist { ClinicId = clinic.Id, ServiceId = service.Id, TherapistId = t.Id }));
        db.Services.Add(service);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var history = new DemoMeasureHistory(db, catalog);
        var monday = now.InZone(clinic.Zone).Date.Previous(IsoDayOfWeek.Monday);
        var manifest = new Manifest(Password, admin, service.Id, [], []);
        long responses = 0;
        for (var t = 0; t < therapists.Count; t++)
        {
            var therapist = therapists[t];
            var entry = new TherapistEntry($"therapist{t + 1:00}@bench.ontrack.test", therapist.Id, []);
            manifest.Therapists.Add(entry);

            // Each client keeps one weekly hour (Mon–Fri, 9:00–16:00) for the whole course; an hour is
            // free again the week after a course ends.
            var courses = Enumerable.Range(0, clientsPerTherapist).Select(_ => (Start: -random.Next(2, 104), Length: random.Next(8, 25))).OrderBy(c => c.Start).ToList();
            var freeFrom = new int[Weekdays.Length * 8];
            Array.Fill(freeFrom, int.MinValue);
            for (var c = 0; c < courses.Count; c++)
            {
                var (start, length) = courses[c];
                var hour = Array.FindIndex(freeFrom, f => f <= start);
                if (hour < 0)
                {
                    hour = Array.IndexOf(freeFrom, freeFrom.Min());
                    start = freeFrom[hour];
                }

                freeFrom[hour] = start + length;
                var client = new Client
                {
                    ClinicId = clinic.Id,
                    FullName = $"Client {t + 1:00}-{c + 1:000}",
                    Email = $"client{t + 1:00}{c + 1:000}@example.test",
                    Phone = "(555) 010-0200",
                    PrimaryTherapistId = therapist.Id,
                };
                var sessions = new List<Appointment>();
                for (var k = 0; k < length; k++)
                {
                    var local = monday.PlusWeeks(start + k).With(DateAdjusters.NextOrSame(Weekdays[hour / 8])).At(new LocalTime(9 + (hour % 8), 0));
                    var at = local.InZoneLeniently(clinic.Zone).ToInstant();
                    var appointment = BookAppointment.NewAppointment(clinic, service, therapist, at, null, at - Duration.FromDays(7 * (k + 1)), [client]);
                    if (at < now)
                    {
                        appointment.Status = AppointmentStatus.Attended;
                    }

                    sessions.Add(appointment);
                }

                client.CreatedAt = sessions[0].Start - Duration.FromDays(7);
                if (sessions[^1].Start < now)
                {
                    client.DischargedAt = sessions[^1].Start + Duration.FromDays(1);
                }
                else
                {
                    entry.Current.Add(client.Id);
                }

                db.ClientRecords.Add(client);
                db.Appointments.AddRange(sessions);
                manifest.Clients.Add(client.Id);
                var phq = random.Next(10, 23);
                var gad = random.Next(8, 19);
                var change = 0.3 + (random.NextDouble() * 0.9);
                var shape = new DemoMeasureHistory.Shape(phq, Math.Round(phq * (decimal)change), gad, Math.Round(gad * (decimal)change),
                    random.Next(28, 37), random.Next(24, 39), RiskAtSession: random.Next(50) == 0 ? random.Next(1, length + 1) : 0);
                history.AddCourse(clinic, client, sessions, shape, now);
            }

            responses += db.ChangeTracker.Entries<MeasureResponse>().Count();
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  therapist {t + 1}/{therapists.Count}: {responses} responses so far, {watch.Elapsed.TotalSeconds:F0} s"));
        }

        // The expected courses, fitted as an admin would.
        var courses2 = sp.GetRequiredService<ExpectedCourses>();
        foreach (var instrument in courses2.OutcomeInstruments)
        {
            var fit = Stopwatch.StartNew();
            var result = await courses2.FitAsync(clinic, instrument, "bench set-up", CancellationToken.None);
            Console.WriteLine($"  fit {instrument.Id}: {(result.Succeeded ? "fitted" : result.Problem!.Detail)} in {fit.Elapsed.TotalSeconds:F1} s");
        }

        var counts = new
        {
            Clients = await db.ClientRecords.CountAsync(),
            Appointments = await db.Appointments.CountAsync(),
            Responses = await db.Responses.CountAsync(),
            Alerts = await db.Alerts.CountAsync(),
            OpenAlerts = await db.Alerts.CountAsync(a => a.State != AlertState.Resolved),
        };
        Console.WriteLine($"generated in {watch.Elapsed.TotalSeconds:F0} s: {therapists.Count} therapists, {counts.Clients} clients ({manifest.Therapists.Sum(t => t.Current.Count)} in treatment), "
            + $"{counts.Appointments} appointments, {counts.Responses} responses, {counts.Alerts} alerts ({counts.OpenAlerts} open)");
        await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(manifest));
        return 0;
    }

    private static readonly IsoDayOfWeek[] Weekdays = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static async Task<ApplicationUser> CreateUserAsync(UserManager<ApplicationUser> users, Clinic clinic, string name, string email, string role, string hash)
    {
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, ClinicId = clinic.Id, FullName = name, PasswordHash = hash };
        var result = await users.CreateAsync(user);
        if (!result.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException($"Could not create {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }

        return user;
    }
}

internal static class Requests
{
    /// <summary>One line per request: METHOD, path, bearer token (or -), JSON body (or -), tab-separated.</summary>
    public static async Task<int> RunAsync(string url, string manifestPath, string outDir, int slotsWanted)
    {
        var manifest = JsonSerializer.Deserialize<Manifest>(await File.ReadAllTextAsync(manifestPath))!;
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        async Task<string> SignInAsync(string email)
        {
            using var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password = manifest.Password });
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }

        var admin = await SignInAsync(manifest.Admin);
        var tokens = new List<(TherapistEntry Therapist, string Token)>();
        foreach (var therapist in manifest.Therapists)
        {
            tokens.Add((therapist, await SignInAsync(therapist.Email)));
        }

        Directory.CreateDirectory(outDir);
        var random = new Random(15);
        await WriteAsync(outDir, "caseload", tokens.Select(t => Line("GET", "/api/caseload", t.Token)));
        await WriteAsync(outDir, "chart", tokens.SelectMany(t => t.Therapist.Current.Select(c => Line("GET", $"/api/clients/{c}/responses", t.Token))).OrderBy(_ => random.Next()));
        await WriteAsync(outDir, "alerts", tokens.Select(t => Line("GET", "/api/alerts", t.Token)));
        await WriteAsync(outDir, "schedule", tokens.Select(t => Line("GET", "/api/appointments", t.Token)));
        await WriteAsync(outDir, "booking-page", [Line("GET", "/book", null)]);
        await WriteAsync(outDir, "submit", Enumerable.Range(0, 5000).Select(i =>
        {
            var (therapist, token) = tokens[i % tokens.Count];
            var client = therapist.Current[random.Next(therapist.Current.Count)];
            var answers = Enumerable.Range(1, 9).ToDictionary(k => k.ToString(CultureInfo.InvariantCulture), k => (k == 9 ? 0 : random.Next(4)).ToString(CultureInfo.InvariantCulture));
            return Line("POST", "/api/responses", token, JsonSerializer.Serialize(new { clientId = client, instrumentId = "phq-9", answers }));
        }));

        // Free slots from seven months ahead (after every generated session), each booked once, by the
        // admin for a different client at each time.
        var slots = new List<(Guid Therapist, DateTimeOffset Start)>();
        var from = DateTime.UtcNow.Date.AddDays(210);
        var horizon = false;
        while (slots.Count < slotsWanted && !horizon)
        {
            var before = slots.Count;
            foreach (var therapist in manifest.Therapists)
            {
                // A small clinic runs out of free time before it has enough slots: the clinic's booking
                // horizon then refuses the search (400), and the run books what there is.
                using var answer = await http.GetAsync(new Uri($"/api/slots?clinic=bench&serviceId={manifest.ServiceId}&therapistId={therapist.Id}&days=31&from={from:yyyy-MM-dd}", UriKind.Relative));
                if (!answer.IsSuccessStatusCode && slots.Count > 0 && (int)answer.StatusCode < 500)
                {
                    Console.WriteLine($"free slots searched up to {from:yyyy-MM-dd}, the booking horizon: {slots.Count} of the {slotsWanted} wanted");
                    horizon = true;
                    break;
                }

                answer.EnsureSuccessStatusCode();
                var found = await answer.Content.ReadFromJsonAsync<JsonElement>();
                // Slots start every few minutes; keep those a session (50 min + 10 min buffer) apart.
                DateTimeOffset? last = null;
                foreach (var start in found.EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset()).Order())
                {
                    if (last is null || start >= last.Value.AddMinutes(60))
                    {
                        slots.Add((therapist.Id, start));
                        last = start;
                    }
                }
            }

            if (slots.Count == before && !horizon)
            {
                throw new InvalidOperationException("no free slots found");
            }

            from = from.AddDays(31);
        }

        var booking = slots.OrderBy(s => s.Start).ThenBy(s => s.Therapist).Select((s, i) => Line("POST", "/api/appointments", admin,
            JsonSerializer.Serialize(new { serviceId = manifest.ServiceId, therapistId = s.Therapist, start = s.Start, clientId = manifest.Clients[i % manifest.Clients.Count] }))).ToList();
        await WriteAsync(outDir, "booking", booking);
        Console.WriteLine($"signed in {tokens.Count + 1} accounts; {booking.Count} free slots to book");
        return 0;
    }

    private static string Line(string method, string path, string? token, string? body = null) => $"{method}\t{path}\t{token ?? "-"}\t{body ?? "-"}";

    private static Task WriteAsync(string dir, string name, IEnumerable<string> lines) => File.WriteAllLinesAsync(Path.Combine(dir, name + ".tsv"), lines);
}
