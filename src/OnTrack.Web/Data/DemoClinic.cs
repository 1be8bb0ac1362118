using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Scheduling;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Features.Staff;
using OnTrack.Web.Security;

namespace OnTrack.Web.Data;

/// <summary>
/// A small but realistic clinic for trying OnTrack: an admin, three therapists with different hours and
/// services, clients with weekly sessions from two months back to a month ahead, and a weekly group.
/// </summary>
public sealed class DemoClinic(OnTrackDbContext db, UserManager<ApplicationUser> users, IClock clock, Features.Instruments.InstrumentCatalog catalog, Features.Course.ExpectedCourses courses)
{
    public const string Slug = "demo";
    public const string Password = "OnTrack-Demo-2026";
    public const string AdminEmail = "admin@demo.ontrack.test";

    public static readonly (string Name, string Email, string Credentials, int Buffer)[] Therapists =
    [
        ("Dr. Maya Chen", "maya.chen@demo.ontrack.test", "PhD, licensed psychologist (CBT)", 10),
        ("Samuel Okafor", "samuel.okafor@demo.ontrack.test", "LMFT, couples and family therapist", 10),
        ("Elena Ruiz", "elena.ruiz@demo.ontrack.test", "LPC, person-centred and group therapy", 15),
    ];

    public static readonly (string Name, string Email)[] Clients =
    [
        ("Alex Morgan", "alex.morgan@example.test"),
        ("Jordan Lee", "jordan.lee@example.test"),
        ("Priya Patel", "priya.patel@example.test"),
        ("Sam Rivera", "sam.rivera@example.test"),
        ("Taylor Brooks", "taylor.brooks@example.test"),
        ("Casey Nguyen", "casey.nguyen@example.test"),
    ];

    public static IEnumerable<(string Role, string Email)> SignIns =>
        new[] { ("admin", AdminEmail) }
            .Concat(Therapists.Select(t => ("therapist", t.Email)))
            .Concat(Clients.Take(2).Select(c => ("client", c.Email)));

    /// <summary>Creates the demo clinic unless it exists; true when it was created now.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Clinics.AcrossClinics(Bypass.Identity).AnyAsync(c => c.Slug == Slug, cancellationToken))
        {
            return false;
        }

        var now = clock.GetCurrentInstant();
        var clinic = new Clinic
        {
            Slug = Slug,
            Name = "OnTrack Demo Clinic",
            Address = "1 Example Plaza, Suite 200, Phoenix, AZ 85004",
            Phones = "(555) 010-0100\n(555) 010-0101",
            Email = "office@demo.ontrack.test",
            TimeZoneId = "America/Phoenix",
            CancellationWindowHours = 24,
            CrisisResources = "If you are in danger or thinking about suicide, call or text 988 (Suicide & Crisis Lifeline) or call 911. You can also call the office during opening hours.",
            CrisisLineName = "988 Suicide & Crisis Lifeline",
            CrisisCallNumber = "988",
            CrisisTextNumber = "988",
            EmergencyNumber = "911",
            RequireStaffTwoFactor = false,
        };
        foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
        {
            clinic.OpeningHours.Add(new OpeningHours { ClinicId = clinic.Id, Day = day, Start = new LocalTime(8, 0), End = new LocalTime(19, 0) });
        }

        clinic.OpeningHours.Add(new OpeningHours { ClinicId = clinic.Id, Day = IsoDayOfWeek.Saturday, Start = new LocalTime(9, 0), End = new LocalTime(13, 0) });
        db.Clinics.Add(clinic);
        await db.SaveChangesAsync(cancellationToken);

        await CreateUserAsync(clinic, "Clinic Admin", AdminEmail, Roles.Admin);

        var therapists = new List<Therapist>();
        foreach (var (name, email, credentials, buffer) in Therapists)
        {
            var user = await CreateUserAsync(clinic, name, email, Roles.Therapist);
            var therapist = new Therapist { ClinicId = clinic.Id, UserId = user.Id, DisplayName = name, Credentials = credentials, BufferMinutes = buffer, Bio = $"{name} is a {credentials}." };
            therapists.Add(therapist);
        }

        // Maya works Mon–Thu 9–17, Samuel Tue–Fri 11–19, Elena Mon, Wed, Fri 9–17 and Saturday mornings.
        AddHours(therapists[0], [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday], 9, 17);
        AddHours(therapists[1], [IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday], 11, 19);
        AddHours(therapists[2], [IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday], 9, 17);
        AddHours(therapists[2], [IsoDayOfWeek.Saturday], 9, 13);
        var today = now.InZone(clinic.Zone).Date;
        therapists[0].Exceptions.Add(new TimeException { ClinicId = clinic.Id, Date = today.PlusDays(21), Kind = ExceptionKind.TimeOff, Note = "Conference" });
        db.Therapists.AddRange(therapists);

        var individual = Service(clinic, "Individual therapy", "A 50-minute one-to-one session.", SessionFormat.Individual, 1, 50, Modality.InPerson, therapists[0], therapists[1], therapists[2]);
        var video = Service(clinic, "Individual therapy by video", "A 30-minute one-to-one check-in by video.", SessionFormat.Individual, 1, 30, Modality.Video, therapists[0], therapists[2]);
        var couples = Service(clinic, "Couples therapy", "A 50-minute session for you and your partner.", SessionFormat.Couple, 2, 50, Modality.InPerson, therapists[1]);
        var family = Service(clinic, "Family therapy", "A 60-minute session for the family.", SessionFormat.Family, 6, 60, Modality.InPerson, therapists[1]);
        var group = Service(clinic, "Anxiety skills group", "A weekly 60-minute group to learn and practise skills for anxiety.", SessionFormat.Group, 8, 60, Modality.InPerson, therapists[2]);
        await db.SaveChangesAsync(cancellationToken);

        var clients = new List<Client>();
        foreach (var (name, email) in Clients)
        {
            var user = await CreateUserAsync(clinic, name, email, Roles.Client);
            var client = new Client { ClinicId = clinic.Id, UserId = user.Id, FullName = name, Email = email, Phone = "(555) 010-02" + clients.Count.ToString("00", System.Globalization.CultureInfo.InvariantCulture), CreatedAt = now - Duration.FromDays(70) };
            clients.Add(client);
        }

        var partner = new Client { ClinicId = clinic.Id, FullName = "Robin Lee", Email = "robin.lee@example.test", CreatedAt = now - Duration.FromDays(40) };
        clients.Add(partner);
        db.ClientRecords.AddRange(clients);
        await db.SaveChangesAsync(cancellationToken);

        // Weekly sessions, twelve weeks back and twelve ahead, each at a fixed local time.
        var plan = new (int Client, int Therapist, IsoDayOfWeek Day, int Hour, Service Service)[]
        {
            (0, 0, IsoDayOfWeek.Monday, 10, individual),
            (2, 0, IsoDayOfWeek.Wednesday, 14, individual),
            (3, 0, IsoDayOfWeek.Thursday, 9, video),
            (4, 2, IsoDayOfWeek.Monday, 11, individual),
            (5, 2, IsoDayOfWeek.Friday, 13, individual),
            (1, 1, IsoDayOfWeek.Tuesday, 17, couples),
        };
        var monday = today.Previous(IsoDayOfWeek.Monday).PlusWeeks(-11);
        foreach (var (clientIndex, therapistIndex, day, hour, service) in plan)
        {
            var people = clientIndex == 1 ? new[] { clients[1], partner } : [clients[clientIndex]];
            foreach (var person in people)
            {
                person.PrimaryTherapistId = therapists[therapistIndex].Id;
            }

            var first = monday.With(DateAdjusters.NextOrSame(day)).At(new LocalTime(hour, 0));
            var series = new AppointmentSeries { ClinicId = clinic.Id, Pattern = RepeatPattern.Weekly, Count = 24, CreatedAt = now - Duration.FromDays(84) };
            db.Series.Add(series);
            foreach (var occurrence in SeriesPlanner.Plan(first, clinic.Zone, Duration.FromMinutes(service.DurationMinutes), RepeatPattern.Weekly, 24))
            {
                var appointment = BookAppointment.NewAppointment(clinic, service, therapists[therapistIndex], occurrence.Start, series.Id, now - Duration.FromDays(84), people);
                if (occurrence.Start < now)
                {
                    appointment.Status = occurrence.Index == 3 && clientIndex == 3 ? AppointmentStatus.NoShow : AppointmentStatus.Attended;
                }
                else if (therapists[therapistIndex].Exceptions.Any(e => e.Kind == ExceptionKind.TimeOff && e.Date == occurrence.Local.Date))
                {
                    // The clinic cancelled the sessions that fall on the therapist's day off.
                    appointment.Status = AppointmentStatus.Cancelled;
                    appointment.CancelledAt = now - Duration.FromDays(7);
                }

                db.Appointments.Add(appointment);
            }
        }

        // Measure history for everyone in treatment, and former clients whose ended courses feed the outcome figures.
        var history = new DemoMeasureHistory(db, catalog);
        foreach (var client in clients.Where(c => DemoMeasureHistory.Current.ContainsKey(c.FullName)))
        {
            var sessions = db.Appointments.Local.Where(a => a.Participants.Any(p => p.ClientId == client.Id)).ToList();
            history.AddCourse(clinic, client, sessions, DemoMeasureHistory.Current[client.FullName], now);
        }

        AddFormerClients(clinic, therapists, individual, today, now, history);
        Features.Matching.DemoMatching.Add(db, clinic, therapists, individual, today, now, history);
        Features.Plans.DemoPlans.Add(db, clinic, therapists, clients, now);
        Features.Reviews.DemoReviews.Add(db, therapists, clients, now, clinic.Zone);
        Features.Notes.DemoNotes.Add(db, clients, therapists, now);
        Features.Lifestyle.DemoLifestyle.Add(db, clients, therapists, now, clinic.Zone);
        foreach (var client in clients)
        {
            Features.Plans.DemoPlans.AddGoalRatings(db, client, db.Appointments.Local.Where(a => a.Participants.Any(p => p.ClientId == client.Id) && a.Status != AppointmentStatus.Cancelled).ToList(), now);
        }

        // The group meets on Wednesdays at 17:00 for the coming six weeks; three clients have joined.
        var nextWednesday = today.Next(IsoDayOfWeek.Wednesday);
        for (var week = 0; week < 6; week++)
        {
            var start = nextWednesday.PlusWeeks(week).At(new LocalTime(16, 0)).InZoneLeniently(clinic.Zone).ToInstant();
            var session = BookAppointment.NewAppointment(clinic, group, therapists[2], start, null, now, week < 3 ? [clients[4], clients[5], clients[2]] : []);
            db.Appointments.Add(session);
        }

        await db.SaveChangesAsync(cancellationToken);

        // Fit the expected courses from the history just made, as an admin would: where there are too
        // few ended courses (WHO-5, PCL-5) the rational rule stays in force.
        foreach (var instrument in courses.OutcomeInstruments)
        {
            await courses.FitAsync(clinic, instrument, "demo set-up", cancellationToken);
        }

        return true;
    }

    /// <summary>Fifteen ended courses, 6–14 weekly sessions each, all finished before the current clients started.</summary>
    private void AddFormerClients(Clinic clinic, List<Therapist> therapists, Service individual, LocalDate today, Instant now, DemoMeasureHistory history)
    {
        string[] names = ["Avery Hughes", "Blake Romero", "Cameron Diaz-Wong", "Devon Clarke", "Emerson Shah", "Finley O'Brien", "Gray Kowalski", "Harper Singh",
            "Indigo Mensah", "Jamie Fischer", "Kai Nakamura", "Logan Petrov", "Morgan Adeyemi", "Noel Haddad", "Oakley Jensen"];
        (decimal Phq, decimal PhqEnd, decimal Gad, decimal GadEnd)[] courses =
        [
            (16, 6, 12, 5), (14, 5, 11, 4), (18, 12, 15, 10), (12, 11, 10, 9), (20, 8, 16, 7), (9, 4, 11, 5), (11, 17, 9, 14), (15, 9, 13, 7),
            (13, 7, 12, 6), (17, 15, 14, 13), (10, 3, 9, 3), (22, 10, 17, 8), (12, 6, 10, 5), (16, 16, 12, 12), (14, 8, 11, 6),
        ];
        IsoDayOfWeek[][] days =
        [
            [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday],
            [IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
            [IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday],
        ];
        int[] firstHour = [9, 11, 9];
        for (var k = 0; k < names.Length; k++)
        {
            var t = k % 3;
            var j = k / 3;
            var therapist = therapists[t];
            var count = 6 + (k * 5 % 9);
            var start = today.Previous(IsoDayOfWeek.Monday).PlusWeeks(-48 + (k % 5 * 5)).With(DateAdjusters.NextOrSame(days[t][j % days[t].Length])).At(new LocalTime(firstHour[t] + j, 0));
            var client = new Client
            {
                ClinicId = clinic.Id,
                FullName = names[k],
                Email = names[k].ToLowerInvariant().Replace(' ', '.').Replace("'", "", StringComparison.Ordinal) + "@example.test",
                CreatedAt = start.InZoneLeniently(clinic.Zone).ToInstant() - Duration.FromDays(7),
                PrimaryTherapistId = therapist.Id,
            };
            db.ClientRecords.Add(client);
            var (phq, phqEnd, gad, gadEnd) = courses[k];
            history.AddEndedCourse(clinic, client, individual, therapist, start, count, new DemoMeasureHistory.Shape(phq, phqEnd, gad, gadEnd, 33, 35), now);
        }
    }

    private static void AddHours(Therapist therapist, IsoDayOfWeek[] days, int from, int to)
    {
        foreach (var day in days)
        {
            therapist.WorkingHours.Add(new WorkingHours { ClinicId = therapist.ClinicId, TherapistId = therapist.Id, Day = day, Start = new LocalTime(from, 0), End = new LocalTime(to, 0) });
        }
    }

    private Service Service(Clinic clinic, string name, string description, SessionFormat format, int capacity, int minutes, Modality modality, params Therapist[] therapists)
    {
        var service = new Service { ClinicId = clinic.Id, Name = name, Description = description, Format = format, Capacity = capacity, DurationMinutes = minutes, Modality = modality };
        service.Therapists.AddRange(therapists.Select(t => new ServiceTherapist { ClinicId = clinic.Id, ServiceId = service.Id, TherapistId = t.Id }));
        db.Services.Add(service);
        return service;
    }

    private async Task<ApplicationUser> CreateUserAsync(Clinic clinic, string name, string email, string role)
    {
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, ClinicId = clinic.Id, FullName = name };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo user {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }

        await new Features.Clinics.Memberships(db, clock).GrantAsync(user, clinic.Id, role);
        await db.SaveChangesAsync();
        return user;
    }
}
