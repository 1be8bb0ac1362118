using System.Globalization;
using System.Text.Json;
using NodaTime;
using OnTrack.Domain.Measures;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Features.Staff;

namespace OnTrack.Web.Features.Plans;

/// <summary>
/// The demo clinic's plans, goals, preferences and expectations, the same on every seed (relative to the
/// clock): Alex's plan is due for review, Priya's second version awaits her agreement, Taylor wants
/// strong structure from Elena, whose style leaves the lead to the client, and Sam expects to feel better
/// within a week.
/// </summary>
internal static class DemoPlans
{
    /// <summary>Each demo therapist's style, by name: direction, emotional intensity, time focus, support or challenge; gender; languages.</summary>
    private static readonly Dictionary<string, (int Direction, int Intensity, int Time, int Challenge, string Gender, string[] Languages)> Styles = new()
    {
        ["Dr. Maya Chen"] = (-2, 0, 2, 1, "woman", ["English", "Mandarin"]),
        ["Samuel Okafor"] = (0, -1, -1, -1, "man", ["English", "Yoruba"]),
        ["Elena Ruiz"] = (2, -2, 0, -2, "woman", ["English", "Spanish"]),
    };

    private sealed record Demo(
        ProblemArea[] Areas, string Words, TherapyApproach Approach, SessionFormat Format, int? Sessions, int? Weeks,
        int PlannedDaysAgo, int ReviewInDays, int? RevisedDaysAgo, bool AgreedToLatest,
        (string Text, bool ByClient, GoalStatus Status)[] Goals,
        (int? Direction, int? Intensity, int? Time, int? Challenge, string? Gender, PreferredModality Modality, bool Mornings, bool Afternoons, bool Evenings) Preferences,
        (int Sessions, int Weeks, int Confidence) Expects);

    private static readonly Dictionary<string, Demo> Clients = new()
    {
        ["Alex Morgan"] = new([ProblemArea.Depression, ProblemArea.Sleep], "I wake at 4 every morning and can't get going.", TherapyApproach.Cbt, SessionFormat.Individual, 16, null,
            63, -3, null, true,
            [("Get back to sleeping through most nights", true, GoalStatus.Active), ("Say yes to one plan with friends each week", false, GoalStatus.Active)],
            (-1, 0, 2, 0, null, PreferredModality.InPerson, true, false, false), (12, 10, 6)),
        ["Jordan Lee"] = new([ProblemArea.Relationships], "Robin and I keep having the same fight about money.", TherapyApproach.SystemicOrFamily, SessionFormat.Couple, null, 20,
            70, 21, null, true,
            [("Talk about money without shouting", true, GoalStatus.Active)],
            (0, -1, 1, 0, null, PreferredModality.InPerson, false, false, true), (10, 12, 5)),
        ["Priya Patel"] = new([ProblemArea.Anxiety, ProblemArea.WorkOrStudy], "Sunday evenings I dread the whole week.", TherapyApproach.Cbt, SessionFormat.Individual, 12, null,
            60, 14, 20, false,
            [("Feel less tense on Sunday evenings", true, GoalStatus.Active), ("Go back to drawing on weekends", true, GoalStatus.Active), ("Tell my manager the workload is too much", false, GoalStatus.Met)],
            (-2, 1, 1, 1, "woman", PreferredModality.Either, false, true, false), (12, 8, 7)),
        ["Sam Rivera"] = new([ProblemArea.Anxiety], "My heart races before every meeting.", TherapyApproach.Act, SessionFormat.Individual, 8, null,
            56, 28, null, true,
            [("Stay in meetings even when my heart races", false, GoalStatus.Active)],
            (0, 0, 3, 1, null, PreferredModality.Video, false, false, true), (3, 1, 9)),
        ["Taylor Brooks"] = new([ProblemArea.Anxiety, ProblemArea.SelfEsteem], "Panic comes out of nowhere and I freeze.", TherapyApproach.PersonCentred, SessionFormat.Individual, null, 24,
            63, 10, null, true,
            [("Know what to do when panic starts", true, GoalStatus.Active), ("Take the bus to work again", false, GoalStatus.Active)],
            (-3, 2, 2, -1, null, PreferredModality.InPerson, true, false, false), (8, 6, 5)),
        ["Casey Nguyen"] = new([ProblemArea.Grief], "Since Mum died I can't face her things.", TherapyApproach.PersonCentred, SessionFormat.Individual, 10, null,
            49, 35, null, false,
            [("Sort one box of Mum's things", true, GoalStatus.Active), ("Visit the garden she loved", true, GoalStatus.Dropped)],
            (1, -2, -1, -2, null, PreferredModality.Either, false, true, true), (10, 16, 4)),
    };

    public static void Add(OnTrackDbContext db, Clinic clinicRow, IReadOnlyList<Therapist> therapists, IReadOnlyList<Client> clients, Instant now)
    {
        var clinic = clinicRow.Id;
        var zone = clinicRow.Zone;
        var today = now.InZone(zone).Date;
        foreach (var therapist in therapists.Where(t => Styles.ContainsKey(t.DisplayName)))
        {
            var (direction, intensity, time, challenge, gender, languages) = Styles[therapist.DisplayName];
            db.Add(new TherapistStyle
            {
                TherapistId = therapist.Id,
                ClinicId = clinic,
                Direction = direction,
                EmotionalIntensity = intensity,
                TimeFocus = time,
                SupportOrChallenge = challenge,
                Gender = gender,
                Languages = [.. languages],
                UpdatedAt = now - Duration.FromDays(90),
                UpdatedByName = therapist.DisplayName,
            });
        }

        foreach (var client in clients.Where(c => Clients.ContainsKey(c.FullName)))
        {
            var demo = Clients[client.FullName];
            var therapist = therapists.Single(t => t.Id == client.PrimaryTherapistId);
            var planned = now - Duration.FromDays(demo.PlannedDaysAgo);
            var first = new TreatmentPlanVersion
            {
                ClinicId = clinic,
                ClientId = client.Id,
                Version = 1,
                ProblemAreas = [.. demo.Areas],
                ClientWords = demo.Words,
                Approach = demo.Approach,
                Format = demo.Format,
                Frequency = SessionFrequency.Weekly,
                PlannedSessions = demo.Sessions,
                PlannedWeeks = demo.Weeks,
                NextReview = demo.RevisedDaysAgo is null ? today.PlusDays(demo.ReviewInDays) : today.PlusDays(-5),
                ChangedAt = planned,
                ChangedByUserId = therapist.UserId,
                ChangedByName = therapist.DisplayName,
            };
            db.Add(first);
            var agreedFirst = demo.AgreedToLatest || demo.RevisedDaysAgo is not null;
            db.Add(Response(client, first, planned + Duration.FromDays(2), agreedFirst, agreedFirst ? "" : "I'd like to talk this through first.", clinic));
            if (demo.RevisedDaysAgo is { } revised)
            {
                // Reviewed: more sessions, a new review date, not yet agreed by the client.
                var second = new TreatmentPlanVersion
                {
                    ClinicId = clinic,
                    ClientId = client.Id,
                    Version = 2,
                    ProblemAreas = [.. demo.Areas],
                    ClientWords = demo.Words,
                    Approach = demo.Approach,
                    Format = demo.Format,
                    Frequency = SessionFrequency.Weekly,
                    PlannedSessions = demo.Sessions + 4,
                    PlannedWeeks = demo.Weeks,
                    NextReview = today.PlusDays(demo.ReviewInDays),
                    ChangedAt = now - Duration.FromDays(revised),
                    ChangedByUserId = therapist.UserId,
                    ChangedByName = therapist.DisplayName,
                };
                db.Add(second);
                db.Add(new PlanResponse
                {
                    ClinicId = clinic,
                    ClientId = client.Id,
                    PlanVersionId = second.Id,
                    Version = 2,
                    Agreed = false,
                    Comment = "Can we talk about why it needs four more sessions?",
                    At = second.ChangedAt + Duration.FromDays(1),
                    ByUserId = client.UserId ?? "",
                    ByName = client.FullName,
                });
            }

            for (var i = 0; i < demo.Goals.Length; i++)
            {
                var (text, byClient, status) = demo.Goals[i];
                var created = planned + Duration.FromDays(i);
                var goal = new Goal
                {
                    ClinicId = clinic,
                    ClientId = client.Id,
                    LinkId = LinkId(client.FullName, i),
                    Text = text,
                    Status = status,
                    ProposedBy = byClient ? GoalAuthor.Client : GoalAuthor.Staff,
                    ProposedByName = byClient ? client.FullName : therapist.DisplayName,
                    CreatedAt = created,
                    StatusOn = status == GoalStatus.Active ? null : today.PlusDays(-14),
                    StatusChangedAt = status == GoalStatus.Active ? null : now - Duration.FromDays(14),
                };
                if (i == 0 && client.FullName == "Alex Morgan")
                {
                    // Scaled (GAS), and revised once from the first wording.
                    goal.GasLevels = ["Awake most nights before 4", "Sleep through one night a week", "Sleep through three nights a week", "Sleep through five nights a week", "Sleep through every night"];
                    goal.GasWeight = 2;
                    var revision = new GoalRevision
                    {
                        ClinicId = clinic,
                        ClientId = client.Id,
                        GoalId = goal.Id,
                        PreviousText = "Sleep better",
                        RevisedAt = created + Duration.FromDays(7),
                        ByUserId = client.UserId ?? "",
                        ByName = client.FullName,
                    };
                    goal.Revisions.Add(revision);

                    // Rated at −1 a month in, at 0 two weeks ago: on course for the expected level.
                    foreach (var (level, daysAgo) in new[] { (-1, 28), (0, 14) })
                    {
                        db.Add(new GoalAttainmentRating
                        {
                            ClinicId = clinic,
                            ClientId = client.Id,
                            GoalId = goal.Id,
                            Level = level,
                            RatedAt = now - Duration.FromDays(daysAgo),
                            ByUserId = therapist.UserId,
                            ByName = therapist.DisplayName,
                        });
                    }
                }

                db.Add(goal);
            }

            var (direction, intensity, time, challenge, gender, modality, mornings, afternoons, evenings) = demo.Preferences;
            db.Add(new ClientPreferences
            {
                ClinicId = clinic,
                ClientId = client.Id,
                Direction = direction,
                EmotionalIntensity = intensity,
                TimeFocus = time,
                SupportOrChallenge = challenge,
                TherapistGender = gender,
                Language = "English",
                Modality = modality,
                Mornings = mornings,
                Afternoons = afternoons,
                Evenings = evenings,
                UpdatedAt = planned - Duration.FromDays(3),
                UpdatedByUserId = client.UserId ?? "",
                UpdatedByName = client.FullName,
            });
            var (sessions, weeks, confidence) = demo.Expects;
            db.Add(new ExpectationCheck
            {
                ClinicId = clinic,
                ClientId = client.Id,
                AskedAt = planned - Duration.FromDays(3),
                Occasion = ExpectationOccasion.Intake,
                SessionsExpected = sessions,
                WeeksToFeelBetter = weeks,
                Confidence = confidence,
                ByUserId = client.UserId ?? "",
                ByName = client.FullName,
            });
        }
    }

    private static PlanResponse Response(Client client, TreatmentPlanVersion version, Instant at, bool agreed, string comment, Guid clinic) => new()
    {
        ClinicId = clinic,
        ClientId = client.Id,
        PlanVersionId = version.Id,
        Version = version.Version,
        Agreed = agreed,
        Comment = comment,
        At = at,
        ByUserId = client.UserId ?? "",
        ByName = client.FullName,
    };

    /// <summary>The same link id on every seed: FNV-1a of the client's name and the goal's place.</summary>
    private static string LinkId(string client, int index)
    {
        var hash = 2166136261u;
        foreach (var c in $"{client}/{index}")
        {
            hash = (hash ^ c) * 16777619u;
        }

        return $"goal-{hash:x8}";
    }

    /// <summary>
    /// Goal ratings at the client's past sessions since each goal was set, as the check-in stores them:
    /// most goals move up by about a point every two sessions; Sam's stays put (the "stalled" prompt).
    /// </summary>
    public static void AddGoalRatings(OnTrackDbContext db, Client client, IReadOnlyList<Appointment> sessions, Instant now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(sessions);
        var goals = db.ChangeTracker.Entries<Goal>().Select(e => e.Entity)
            .Where(g => g.ClientId == client.Id && g.Status == GoalStatus.Active).OrderBy(g => g.CreatedAt).ThenBy(g => g.LinkId, StringComparer.Ordinal).ToList();
        if (goals.Count == 0)
        {
            return;
        }

        var ordered = sessions.OrderBy(a => a.Start).ToList();
        var stalled = client.FullName == "Sam Rivera";
        var rated = 0;
        for (var n = 0; n < ordered.Count; n++)
        {
            var session = ordered[n];
            var at = session.Start - Duration.FromHours(2);
            var current = goals.Where(g => g.CreatedAt <= at).ToList();
            if (at >= now || current.Count == 0)
            {
                continue;
            }

            var form = GoalRatingForm.For(current.Select(g => new GoalItem(g.LinkId, g.Text)).ToList());
            var answers = current.Select((g, k) => (string?)Math.Min(9, stalled ? 3 : 2 + k + (rated / 2)).ToString(CultureInfo.InvariantCulture)).ToList();
            var score = Scorer.Score(form, answers);
            db.Responses.Add(new MeasureResponse
            {
                ClinicId = client.ClinicId,
                ClientId = client.Id,
                InstrumentId = form.Id,
                InstrumentVersion = form.Version,
                AppointmentId = session.Id,
                SessionNumber = n + 1,
                CompletedAt = at,
                RecordedAt = at,
                Source = ResponseSource.Portal,
                Answers = JsonSerializer.Serialize(answers),
                Valid = score.Valid,
                Total = score.Total,
                Subscales = JsonSerializer.Serialize(score.Subscales.ToDictionary(x => x.Id, x => x.Score)),
            });
            rated++;
        }
    }
}
