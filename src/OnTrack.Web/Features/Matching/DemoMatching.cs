using NodaTime;
using OnTrack.Domain.Plans;
using OnTrack.Domain.Scheduling;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Features.Staff;

namespace OnTrack.Web.Features.Matching;

/// <summary>
/// The demo clinic's matching (issue 14): the three therapists' profiles, two more years of ended courses in which they
/// differ by area (Maya's depressed clients improve more than average, Samuel's less, Elena's anxious clients more), and a
/// new client, Quinn Avery, waiting for a therapist with intake scores and preferences, so the matching page shows a real choice.
/// </summary>
public static class DemoMatching
{
    public const string NewClientName = "Quinn Avery";

    /// <summary>Per therapist (Maya, Samuel, Elena): extra PHQ-9 and GAD-7 change at the end of a course, in points (negative: more improvement).</summary>
    private static readonly (decimal Phq, decimal Gad)[] Strengths = [(-6, -2), (5, 0), (0, -7)];

    /// <summary>Eight courses per therapist: intake PHQ-9 and GAD-7 and the usual end before the therapist's strength is added.</summary>
    private static readonly (decimal Phq, decimal PhqEnd, decimal Gad, decimal GadEnd)[] Courses =
    [
        (15, 8, 12, 6), (18, 10, 14, 7), (12, 7, 10, 5), (20, 11, 16, 9), (14, 8, 11, 6), (16, 9, 13, 7), (11, 6, 9, 5), (17, 10, 15, 8),
    ];

    private static readonly string[] FirstNames =
    [
        "Ari", "Bea", "Cal", "Dana", "Eli", "Fran", "Gus", "Hana", "Ivo", "Jo", "Kit", "Lane",
        "Mika", "Nia", "Omar", "Pia", "Rae", "Sol", "Tess", "Uma", "Vic", "Wren", "Yan", "Zoe",
    ];

    private static readonly string[] LastNames = ["Abbott", "Baker", "Castro", "Dunn", "Ellis", "Foster", "Garcia", "Hale", "Ito", "Jones", "Khan"];

    public static void Add(OnTrackDbContext db, Clinic clinic, IReadOnlyList<Therapist> therapists, Service individual, LocalDate today, Instant now, DemoMeasureHistory history)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(therapists);
        ArgumentNullException.ThrowIfNull(history);
        AddProfiles(db, therapists, now);
        AddArchivedCourses(db, clinic, therapists, individual, today, now, history);

        var quinn = new Client
        {
            ClinicId = clinic.Id,
            FullName = NewClientName,
            Email = "quinn.avery@example.test",
            Phone = "(555) 010-0299",
            CreatedAt = now - Duration.FromDays(3),
        };
        db.ClientRecords.Add(quinn);
        history.AddIntake(clinic, quinn, 16, 13, now - Duration.FromDays(2));
        db.ClientPreferences.Add(new Plans.ClientPreferences
        {
            ClinicId = clinic.Id,
            ClientId = quinn.Id,
            Direction = -2,
            SupportOrChallenge = -2,
            Modality = Plans.PreferredModality.Either,
            Mornings = true,
            UpdatedAt = now - Duration.FromDays(2),
        });
    }

    private static void AddProfiles(OnTrackDbContext db, IReadOnlyList<Therapist> therapists, Instant now)
    {
        string[] bios =
        [
            "I help adults with low mood, worry and self-doubt, using CBT and ACT: practical, structured sessions with small steps to try between them.",
            "I work with couples, families and individuals on relationships, low mood and drinking, looking at patterns between people and where they come from.",
            "I work with anxiety, trauma and sleep problems, with CBT and EMDR, at a pace that feels safe, and I run the clinic's anxiety skills group.",
        ];
        (ProblemArea[] Areas, TherapyApproach[] Approaches, int Capacity)[] profiles =
        [
            ([ProblemArea.Depression, ProblemArea.Anxiety, ProblemArea.SelfEsteem], [TherapyApproach.Cbt, TherapyApproach.Act], 2),
            ([ProblemArea.Relationships, ProblemArea.Depression, ProblemArea.SubstanceUse], [TherapyApproach.SystemicOrFamily, TherapyApproach.Psychodynamic], 2),
            ([ProblemArea.Anxiety, ProblemArea.Trauma, ProblemArea.Sleep], [TherapyApproach.Cbt, TherapyApproach.Emdr], 3),
        ];
        for (var t = 0; t < therapists.Count && t < profiles.Length; t++)
        {
            therapists[t].Bio = bios[t];
            db.Add(new TherapistProfile
            {
                TherapistId = therapists[t].Id,
                ClinicId = therapists[t].ClinicId,
                ProblemAreas = [.. profiles[t].Areas],
                Approaches = [.. profiles[t].Approaches],
                NewClientsPerWeek = profiles[t].Capacity,
                UpdatedAt = now,
                UpdatedByName = "demo set-up",
            });
        }
    }

    /// <summary>Courses of six weekly sessions, one after another per therapist, ending more than a year before the former clients'.</summary>
    private static void AddArchivedCourses(OnTrackDbContext db, Clinic clinic, IReadOnlyList<Therapist> therapists, Service individual, LocalDate today, Instant now, DemoMeasureHistory history)
    {
        IsoDayOfWeek[] days = [IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Wednesday];
        int[] hours = [13, 15, 14];
        for (var t = 0; t < therapists.Count && t < Strengths.Length; t++)
        {
            var therapist = therapists[t];
            for (var k = 0; k < Courses.Length; k++)
            {
                var first = today.Previous(IsoDayOfWeek.Monday).PlusWeeks(-120 + (k * 7)).With(DateAdjusters.NextOrSame(days[t])).At(new LocalTime(hours[t], 0));
                var n = (t * Courses.Length) + k;
                var name = $"{FirstNames[n]} {LastNames[(n * 7) % LastNames.Length]}";
                var client = new Client
                {
                    ClinicId = clinic.Id,
                    FullName = name,
                    Email = $"{name.ToLowerInvariant().Replace(' ', '.')}@example.test",
                    CreatedAt = first.InZoneLeniently(clinic.Zone).ToInstant() - Duration.FromDays(7),
                    PrimaryTherapistId = therapist.Id,
                };
                db.ClientRecords.Add(client);
                var (phq, phqEnd, gad, gadEnd) = Courses[k];
                var (phqExtra, gadExtra) = Strengths[t];
                history.AddEndedCourse(clinic, client, individual, therapist, first, 6, new DemoMeasureHistory.Shape(phq, Math.Max(0, phqEnd + phqExtra), gad, Math.Max(0, gadEnd + gadExtra), 33, 35), now);
            }
        }
    }
}
