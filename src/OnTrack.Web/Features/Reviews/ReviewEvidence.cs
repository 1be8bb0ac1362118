using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Course;
using OnTrack.Domain.Measures;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Features.Scheduling;

namespace OnTrack.Web.Features.Reviews;

/// <summary>What is known about one area of a review, in lines a therapist reads with the client; Flagged when the data point to a likely problem.</summary>
public sealed record AreaEvidence(ReviewArea Area, IReadOnlyList<string> Lines, bool Flagged);

/// <summary>
/// Brings together what OnTrack knows for each area of a review: the symptom course against the expected
/// course, the alliance and readiness trends, goals, preference fit, expectations vs the usual pace, the
/// review questionnaire's flagged areas, lifestyle and attendance. All read through the compartment (audited).
/// </summary>
public sealed class ReviewEvidence(OnTrackDbContext db, InstrumentCatalog catalog, PreferenceFit fit, ExpectationReadings readings, Goals goals, IReviewAnswers answers, IClock clock)
{
    public async Task<IReadOnlyList<AreaEvidence>> ForAsync(Guid clientId, Instant openedAt, CancellationToken cancellationToken)
    {
        var client = await db.ClientRecords.AsNoTracking().SingleAsync(c => c.Id == clientId, cancellationToken);
        var first = client.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? client.FullName;
        var responses = await db.Responses.AsNoTracking().Where(r => r.ClientId == clientId && r.Valid && r.Total != null)
            .OrderBy(r => r.CompletedAt).Select(r => new { r.InstrumentId, Total = r.Total!.Value, r.CompletedAt, r.CourseStatus }).ToListAsync(cancellationToken);
        Instrument? Of(string id) => catalog.All.GetValueOrDefault(id);
        var byRole = responses.GroupBy(r => r.InstrumentId).Where(g => Of(g.Key) is not null).ToList();
        var questionnaire = await answers.LatestSinceAsync(clientId, openedAt, cancellationToken);
        var evidence = new List<AreaEvidence>();

        // The symptom course: each outcome measure, first to latest, and its status against the expected course.
        var course = new List<string>();
        var courseFlag = false;
        foreach (var group in byRole.Where(g => Of(g.Key)!.Role == InstrumentRole.Outcome))
        {
            var list = group.ToList();
            var status = list[^1].CourseStatus;
            courseFlag |= status is CourseStatus.AtRisk or CourseStatus.NotOnTrack;
            var scores = list.Count == 1 ? $"one score, {list[0].Total:0.#}" : $"{list[0].Total:0.#} at the first, {list[^1].Total:0.#} at the latest of {list.Count} scores";
            course.Add($"{Of(group.Key)!.Title}: {scores}{(status is { } s ? " — " + StatusText(s) : "")}.");
        }

        evidence.Add(new(ReviewArea.Course, course.DefaultIfEmpty("No outcome scores yet.").ToList(), courseFlag));

        evidence.Add(Trend(ReviewArea.Alliance, byRole.Where(g => Of(g.Key)!.Role == InstrumentRole.Alliance).SelectMany(g => g).Select(r => r.Total).ToList(), "Session and relationship ratings", questionnaire, "alliance-bond", "alliance-goals", "alliance-tasks"));
        evidence.Add(Trend(ReviewArea.Motivation, byRole.Where(g => Of(g.Key)!.Role == InstrumentRole.Readiness).SelectMany(g => g).Select(r => r.Total).ToList(), "Readiness ratings", questionnaire, "motivation"));

        var goalList = await goals.ListAsync(clientId, cancellationToken);
        var goalRatings = byRole.Where(g => Of(g.Key)!.Role == InstrumentRole.Goals).SelectMany(g => g).Select(r => r.Total).ToList();
        var goalLines = new List<string>();
        goalLines.Add(goalList.Active.Count == 0 ? "No active goals." : $"{goalList.Active.Count} active {(goalList.Active.Count == 1 ? "goal" : "goals")}: {string.Join("; ", goalList.Active.Select(g => g.Text))}.");
        if (goalRatings.Count > 0)
        {
            goalLines.Add($"Mean goal rating {goalRatings[0]:0.#} at first, {goalRatings[^1]:0.#} out of 10 at the latest of {goalRatings.Count} check-ins.");
        }

        if (goalList.GasTScore is { } t)
        {
            goalLines.Add($"Goal attainment T-score {t:0.0} (50 = as expected).");
        }

        evidence.Add(new(ReviewArea.Goals, goalLines, goalList.Active.Count == 0 || goalRatings.Count >= 4 && goalRatings[^1] - goalRatings[^4] < 1));

        var match = await fit.ForClientAsync(clientId, first, client.PrimaryTherapistId, cancellationToken);
        var approach = (match?.Style.Select(m => m.Sentence) ?? []).Concat(match?.Practical.Select(m => m.Sentence) ?? []).ToList();
        evidence.Add(WithQuestionnaire(ReviewArea.ApproachAndPreferences, approach.Count == 0 ? ["No strong mismatch between the client's preferences and the therapist's style."] : approach, approach.Count > 0, questionnaire, "approach"));

        var reading = await readings.LatestAsync(clientId, first, cancellationToken);
        var pace = reading is null ? new List<string> { "The client has not said what they expect." }
            : new List<string> { reading.HasModel ? $"Clients like {first} at the clinic: half improve reliably by session {reading.HalfBySession?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"}." : "No expected course to compare with yet." };
        if (reading is { TherapistPrompt.Length: > 0 })
        {
            pace.Add(reading.TherapistPrompt);
        }

        evidence.Add(WithQuestionnaire(ReviewArea.PaceAndExpectations, pace, reading is { Impatient: true } or { ExpectsFewerSessions: true } or { LowConfidence: true }, questionnaire, "pace"));
        evidence.Add(WithQuestionnaire(ReviewArea.SupportAndLifeEvents, [], false, questionnaire, "support", "life-events"));
        evidence.Add(WithQuestionnaire(ReviewArea.Lifestyle, ["No daily check-ins logged (sleep, activity, eating, relaxation)."], false, questionnaire, "lifestyle"));

        var now = clock.GetCurrentInstant();
        var sessions = await db.Appointments.AsNoTracking().Where(a => a.Start < now && a.Participants.Any(p => p.ClientId == clientId))
            .Select(a => new { a.Status, Mine = a.Participants.Where(p => p.ClientId == clientId).Select(p => p.Status).First() }).ToListAsync(cancellationToken);
        var attended = sessions.Count(s => s.Status == AppointmentStatus.Attended || s.Status == AppointmentStatus.Booked && s.Mine == ParticipantStatus.Booked);
        var missed = sessions.Count(s => s.Status is AppointmentStatus.NoShow or AppointmentStatus.LateCancelled || s.Mine == ParticipantStatus.LateCancelled);
        var cancelled = sessions.Count(s => s.Status == AppointmentStatus.Cancelled || s.Mine == ParticipantStatus.Cancelled);
        evidence.Add(new(ReviewArea.Attendance, [$"{attended} sessions attended, {missed} missed or cancelled late, {cancelled} cancelled in time."], missed >= 2 && missed * 4 >= attended));
        return evidence;
    }

    /// <summary>Whether the client has filled in the review questionnaire since the review opened.</summary>
    public async Task<bool> QuestionnaireAnsweredAsync(Guid clientId, Instant openedAt, CancellationToken cancellationToken) =>
        await answers.LatestSinceAsync(clientId, openedAt, cancellationToken) is not null;

    private static string StatusText(CourseStatus status) => status switch
    {
        CourseStatus.OnTrack => "on track against the expected course",
        CourseStatus.AtRisk => "amber: slower than expected",
        CourseStatus.NotOnTrack => "red: not on track",
        _ => "in the healthy range",
    };

    private static AreaEvidence Trend(ReviewArea area, IReadOnlyList<decimal> totals, string what, ReviewAnswerSummary? questionnaire, params string[] areaIds)
    {
        var recent = totals.TakeLast(4).ToList();
        var lines = recent.Count == 0 ? new List<string> { $"No {what.ToLowerInvariant()} yet." }
            : new List<string> { $"{what}, the latest {recent.Count}: {string.Join(" → ", recent.Select(t => t.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)))}." };
        // Falling: the latest at least a tenth below the client's best rating so far.
        var falling = totals.Count >= 2 && totals.Max() - totals[^1] >= Math.Max(1, totals.Max() / 10);
        return WithQuestionnaire(area, lines, falling, questionnaire, areaIds);
    }

    private static AreaEvidence WithQuestionnaire(ReviewArea area, IReadOnlyList<string> lines, bool flagged, ReviewAnswerSummary? questionnaire, params string[] areaIds)
    {
        var all = lines.ToList();
        foreach (var id in areaIds)
        {
            if (questionnaire?.Areas.FirstOrDefault(a => a.AreaId == id) is { } answer)
            {
                all.Add($"Review questionnaire — {answer.Sentence}");
                flagged |= answer.Flagged;
            }
        }

        return new(area, all, flagged);
    }
}

/// <summary>One area of the client's review questionnaire as scored: flagged when its score passes the area's cut-off.</summary>
public sealed record ReviewAnswerArea(string AreaId, bool Flagged, string Sentence);

/// <summary>The client's latest review questionnaire since the review opened, by area.</summary>
public sealed record ReviewAnswerSummary(Instant CompletedAt, IReadOnlyList<ReviewAnswerArea> Areas);

/// <summary>The review questionnaire's answers, scored by area (implemented where the questionnaire is).</summary>
public interface IReviewAnswers
{
    Task<ReviewAnswerSummary?> LatestSinceAsync(Guid clientId, Instant since, CancellationToken cancellationToken);
}
