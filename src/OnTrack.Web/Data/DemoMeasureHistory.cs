using System.Globalization;
using System.Text.Json;
using NodaTime;
using OnTrack.Domain.Measures;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Features.Staff;

namespace OnTrack.Web.Data;

/// <summary>
/// Months of measure history for the demo clinic: current clients whose courses improve, stall and
/// worsen (with the alerts those raise), and former clients with ended courses for the outcome figures.
/// Answers are made item by item and scored by the real scorer; alerts come from the real rules.
/// </summary>
public sealed class DemoMeasureHistory(OnTrackDbContext db, InstrumentCatalog catalog)
{
    /// <summary>A course shape: PHQ-9 and GAD-7 from intake towards an end level, alliance from start to end.</summary>
    /// <param name="TurnAt">When above 0, the share of the course after which symptoms start to move (nearly flat before): a course that turned after a change.</param>
    public sealed record Shape(decimal PhqStart, decimal PhqEnd, decimal GadStart, decimal GadEnd, decimal AllianceStart, decimal AllianceEnd, int RiskAtSession = 0, double TurnAt = 0);

    /// <summary>Current clients by name: Alex improves, Priya worsens (and endorses item 9 this week), Sam stalls, Taylor stalls until a review halfway brings more structure and then improves, Casey stalls with a falling alliance, Jordan improves.</summary>
    public static readonly Dictionary<string, Shape> Current = new(StringComparer.Ordinal)
    {
        ["Alex Morgan"] = new(17, 6, 13, 5, 30, 37),
        ["Priya Patel"] = new(10, 20, 8, 15, 34, 26, RiskAtSession: -1),
        ["Sam Rivera"] = new(14, 13, 10, 10, 31, 32),
        ["Taylor Brooks"] = new(19, 9, 15, 8, 33, 36, TurnAt: TaylorTurn),
        ["Casey Nguyen"] = new(13, 12, 12, 11, 36, 24),
        ["Jordan Lee"] = new(10, 6, 15, 8, 32, 35),
    };

    /// <summary>Where Taylor's course turns: the review (DemoReviews) is held at the attended session at this share of her course.</summary>
    public const double TaylorTurn = 0.5;

    private readonly Random _random = new(2026);

    /// <summary>Adds responses (and the alerts they raise) for each attended appointment of each client, in order.</summary>
    public void AddCourse(Clinic clinic, Client client, IReadOnlyList<Appointment> sessions, Shape shape, Instant now)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(shape);
        var attended = sessions.Where(s => s.Status == AppointmentStatus.Attended).OrderBy(s => s.Start).ToList();
        var history = new Dictionary<string, List<decimal>>(StringComparer.Ordinal);
        for (var i = 0; i < attended.Count; i++)
        {
            var session = attended[i];
            var progress = attended.Count == 1 ? 0 : i / (double)(attended.Count - 1);
            var risk = shape.RiskAtSession != 0 && (shape.RiskAtSession > 0 ? i + 1 == shape.RiskAtSession : i == attended.Count - 1);
            var forms = new List<(string Id, decimal Target)>
            {
                ("phq-9", Along(shape.PhqStart, shape.PhqEnd, Turned(progress, shape.TurnAt))),
                ("gad-7", Along(shape.GadStart, shape.GadEnd, Turned(progress, shape.TurnAt))),
            };
            if (i % 4 == 0)
            {
                forms.Add(("ontrack-readiness", Math.Clamp(Along(6, 8, progress), 0, 10)));
            }

            if (i == 0)
            {
                forms.Add(("who-5", 100 - (Along(shape.PhqStart, shape.PhqEnd, progress) * 3)));
            }

            // The session check is about the session just had: from the second session on.
            if (i > 0)
            {
                forms.Add(("ontrack-session-check", Math.Clamp(Along(shape.AllianceStart, shape.AllianceEnd, progress), 0, 40)));
            }

            foreach (var (id, target) in forms)
            {
                var instrument = catalog.All[id];
                var answers = Answers(instrument, target, risk && id == "phq-9");
                var score = Scorer.Score(instrument, answers);
                var at = id == "ontrack-session-check" ? session.Start - Duration.FromMinutes(50) : session.Start - Duration.FromHours(2);
                var response = NewResponse(clinic, client, instrument, answers, score, at);
                response.AppointmentId = session.Id;
                response.SessionNumber = sessions.OrderBy(s => s.Start).ToList().IndexOf(session) + 1;
                var earlier = history.TryGetValue(id, out var list) ? list : history[id] = [];
                if (score.Total is { } scored)
                {
                    // Until the clinic's expected courses are fitted (after seeding), the rational rule gives the status.
                    response.Intake = earlier.Count == 0 ? scored : earlier[0];
                    response.CourseSession = earlier.Count;
                    if (earlier.Count > 0 && instrument.Role == InstrumentRole.Outcome && instrument.ReliableChange is { } rc)
                    {
                        response.CourseStatus = new Domain.Course.RationalRule((double)rc.Threshold, clinic.CourseNoImprovementBySession, instrument.Direction == ScoreDirection.HigherIsBetter, (double?)instrument.Cutoff?.Value)
                            .Classify(earlier.Count, (double)earlier[0], (double)scored);
                        response.CourseRule = "rational";
                    }
                }

                db.Responses.Add(response);
                foreach (var signal in AlertRules.For(instrument, score, earlier, new AllianceThresholds(clinic.AllianceLowBelow, clinic.AllianceFallBy)))
                {
                    // Alerts older than a fortnight were dealt with at the time.
                    var old = at < now - Duration.FromDays(14);
                    db.Alerts.Add(new Alert
                    {
                        ClinicId = clinic.Id,
                        ClientId = client.Id,
                        TherapistId = client.PrimaryTherapistId ?? session.TherapistId,
                        Kind = signal.Kind,
                        Priority = signal.Priority,
                        State = old ? AlertState.Resolved : AlertState.New,
                        ResponseId = response.Id,
                        InstrumentId = id,
                        Summary = signal.Summary,
                        RaisedAt = at,
                        AcknowledgedAt = old ? at + Duration.FromHours(20) : null,
                        AcknowledgedBy = old ? "demo" : null,
                        ActionTaken = old ? "Discussed in the next session; plan adjusted." : null,
                        ResolvedAt = old ? at + Duration.FromDays(7) : null,
                        ResolvedBy = old ? "demo" : null,
                        EscalatedAt = !old && signal.Kind == AlertKind.Risk ? at + Duration.FromMinutes(clinic.RiskEscalationMinutes) : null,
                    });
                }

                if (score.Total is { } total)
                {
                    earlier.Add(total);
                }
            }
        }
    }

    /// <summary>An ended course: weekly attended sessions from <paramref name="first"/>, the client discharged the day after the last, and its measures.</summary>
    public void AddEndedCourse(Clinic clinic, Client client, Service service, Therapist therapist, LocalDateTime first, int count, Shape shape, Instant now)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(service);
        var sessions = new List<Appointment>();
        foreach (var occurrence in Domain.Scheduling.SeriesPlanner.Plan(first, clinic.Zone, Duration.FromMinutes(service.DurationMinutes), Domain.Scheduling.RepeatPattern.Weekly, count))
        {
            var appointment = BookAppointment.NewAppointment(clinic, service, therapist, occurrence.Start, null, client.CreatedAt, [client]);
            appointment.Status = AppointmentStatus.Attended;
            sessions.Add(appointment);
            db.Appointments.Add(appointment);
        }

        client.DischargedAt = sessions[^1].Start + Duration.FromDays(1);
        AddCourse(clinic, client, sessions, shape, now);
    }

    /// <summary>A new client's intake forms (PHQ-9 and GAD-7), filled in before any session.</summary>
    public void AddIntake(Clinic clinic, Client client, decimal phq, decimal gad, Instant at)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(client);
        foreach (var (id, target) in new[] { ("phq-9", phq), ("gad-7", gad) })
        {
            var instrument = catalog.All[id];
            var answers = Answers(instrument, target, endorseRisk: false);
            var response = NewResponse(clinic, client, instrument, answers, Scorer.Score(instrument, answers), at);
            response.Intake = response.Total;
            response.CourseSession = 0;
            db.Responses.Add(response);
        }
    }

    private static MeasureResponse NewResponse(Clinic clinic, Client client, Instrument instrument, List<string?> answers, ScoreResult score, Instant at) => new()
    {
        ClinicId = clinic.Id,
        ClientId = client.Id,
        InstrumentId = instrument.Id,
        InstrumentVersion = instrument.Version,
        CompletedAt = at,
        RecordedAt = at,
        Source = ResponseSource.Portal,
        Answers = JsonSerializer.Serialize(answers),
        Valid = score.Valid,
        Total = score.Total,
        Band = score.Band,
        IsCase = score.Case,
        Subscales = JsonSerializer.Serialize(score.Subscales.ToDictionary(s => s.Id, s => s.Score)),
        RiskEndorsed = score.Risks.Count > 0,
    };

    /// <summary>A point on the way from start to end: fast early change (as in real courses) plus noise.</summary>
    /// <summary>Progress along a course that barely moves until <paramref name="turnAt"/> and then moves the rest of the way.</summary>
    private static double Turned(double progress, double turnAt) =>
        turnAt <= 0 ? progress : progress <= turnAt ? 0.05 * progress / turnAt : 0.05 + (0.95 * (progress - turnAt) / (1 - turnAt));

    private decimal Along(decimal start, decimal end, double progress)
    {
        var shape = 1 - Math.Exp(-3 * progress);
        var noise = (_random.NextDouble() - 0.5) * 3;
        return (decimal)Math.Round((double)start + ((double)(end - start) * shape / (1 - Math.Exp(-3))) + noise);
    }

    /// <summary>Item answers whose scored total is as close to <paramref name="target"/> as the instrument allows.</summary>
    private List<string?> Answers(Instrument instrument, decimal target, bool endorseRisk)
    {
        var items = instrument.Items;
        var scored = items.Where(i => i.Scored && !i.Reverse).ToList();
        var raw = Math.Clamp(target / instrument.Multiplier, instrument.TotalMin / instrument.Multiplier, instrument.TotalMax / instrument.Multiplier);
        var values = items.ToDictionary(i => i.LinkId, i => i.MinValue);
        var riskItems = instrument.Risks.Select(r => r.LinkId).ToHashSet(StringComparer.Ordinal);
        if (endorseRisk)
        {
            foreach (var rule in instrument.Risks)
            {
                values[rule.LinkId] = rule.AtOrAbove;
                raw -= rule.AtOrAbove;
            }
        }

        // Spread the total over the items in a shuffled order, one point at a time.
        var order = scored.Where(i => !riskItems.Contains(i.LinkId)).OrderBy(_ => _random.Next()).ToList();
        while (raw > 0 && order.Any(i => values[i.LinkId] < i.MaxValue))
        {
            foreach (var item in order.Where(i => values[i.LinkId] < i.MaxValue))
            {
                if (raw <= 0)
                {
                    break;
                }

                values[item.LinkId] += 1;
                raw -= 1;
            }
        }

        return items.Select(i => i.Scored ? Code(i, values[i.LinkId]) : (i.Options.Count > 0 ? i.Options[0].Code : null)).ToList();
    }

    private static string Code(Item item, decimal value) =>
        item.IsNumeric ? value.ToString(CultureInfo.InvariantCulture) : item.Options.OrderBy(o => Math.Abs(o.Value - value)).First().Code;
}
