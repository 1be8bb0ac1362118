using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Lifestyle;
using OnTrack.Domain.Measures;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Outcomes;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Shared;

namespace OnTrack.Web.Features.Lifestyle;

/// <summary>One week's score on the client's main outcome measure (the latest that week), for the week chart's top row.</summary>
public sealed record WeekScore(LocalDate WeekStart, decimal? Score);

/// <summary>
/// The client's weeks beside their course: under the chart (staff) and My progress (the client), the weekly
/// lifestyle summaries on the same week axis as their main outcome measure; in a review, the last 4 weeks and
/// the steps agreed. Nothing when the client keeps no log (the client is invited to start one).
/// </summary>
internal sealed class LifestyleSections(LifestyleLog log, LifestyleSteps steps, MeasureQueries measures, InstrumentCatalog catalog, IClock clock) : IClientSections
{
    /// <summary>How far back the weeks beside the course go.</summary>
    public const int WeeksShown = 26;

    public async Task<ClientSection?> ForClientAsync(Guid clientId, ClientSectionPlace place, bool plainLanguage, CancellationToken cancellationToken)
    {
        var zone = await log.ZoneAsync(clientId, cancellationToken);
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        var review = place == ClientSectionPlace.ReviewEvidence;
        var from = today.PlusWeeks(review ? -3 : -(WeeksShown - 1)).With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        var (days, nights) = await log.LogAsync(clientId, from, today, cancellationToken);
        var activeSteps = (await steps.ListAsync(clientId, cancellationToken)).Where(s => s.EndedAt is null).ToList();
        if (days.Count == 0 && activeSteps.Count == 0)
        {
            return plainLanguage && place == ClientSectionPlace.BesideTheCourse
                ? new ClientSection(typeof(Pages.LifestyleInvite), new Dictionary<string, object?>())
                : null;
        }

        // Beside the course, the weeks start with the first one that has a log or a score (at most half a year back).
        var responses = review ? [] : (await measures.ResponsesAsync(clientId, cancellationToken) ?? []);
        var (title, scores) = MainMeasure(responses, zone);
        if (!review)
        {
            var first = days.Select(d => d.Date).Concat(scores.Select(s => s.WeekStart)).DefaultIfEmpty(today).Min();
            from = LocalDate.Max(from, first.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)));
        }

        var weeks = LifestyleWeeks.Summarize(days, nights, from, today);
        return new ClientSection(typeof(Pages.LifestyleWeeksView), new Dictionary<string, object?>
        {
            [nameof(Pages.LifestyleWeeksView.Weeks)] = weeks,
            [nameof(Pages.LifestyleWeeksView.Scores)] = review ? [] : weeks.Select(w => scores.FirstOrDefault(s => s.WeekStart == w.WeekStart) ?? new WeekScore(w.WeekStart, null)).ToList(),
            [nameof(Pages.LifestyleWeeksView.ScoreTitle)] = title,
            [nameof(Pages.LifestyleWeeksView.Steps)] = activeSteps,
            [nameof(Pages.LifestyleWeeksView.PlainLanguage)] = plainLanguage,
            [nameof(Pages.LifestyleWeeksView.InReview)] = review,
            [nameof(Pages.LifestyleWeeksView.ClientId)] = clientId,
        });
    }

    public static LifestyleWeekDto ToDto(LifestyleWeek w) => new(w.WeekStart.ToDateOnly(), w.DaysLogged, w.MeanMood, w.MeanSleepHours, w.MeanSleepQuality, w.MeanEatingQuality,
        w.ActivityMinutes, w.ActiveDays, w.RegularMealDays, w.RelaxationMinutes, w.DiaryNights, w.MeanTotalSleepHours, w.MeanSleepEfficiency, w.MeanSleepOnsetMinutes, w.MeanWakeAfterSleepOnsetMinutes);

    /// <summary>The outcome measure the client has filled in most (catalog order on a tie), its latest score in each week.</summary>
    private (string? Title, IReadOnlyList<WeekScore> Scores) MainMeasure(IReadOnlyList<MeasureResponse> responses, DateTimeZone zone)
    {
        var main = responses.Where(r => r.Valid && r.Total is not null && catalog.All.TryGetValue(r.InstrumentId, out var i) && i.Role == InstrumentRole.Outcome)
            .GroupBy(r => r.InstrumentId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        if (main is null)
        {
            return (null, []);
        }

        var instrument = catalog.All[main.Key];
        var scores = main.GroupBy(r => r.CompletedAt.InZone(zone).Date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)))
            .Select(g => new WeekScore(g.Key, g.OrderBy(r => r.CompletedAt).Last().Total))
            .ToList();
        return ($"{instrument.Title} ({(instrument.Direction == ScoreDirection.HigherIsWorse ? "higher is worse" : "higher is better")})", scores);
    }
}

/// <summary>Each lifestyle step agreed is a marker on the client's charts, like a review's decision.</summary>
internal sealed class LifestyleStepMarkers(OnTrackDbContext db) : IChartMarkers
{
    public async Task<IReadOnlyList<ChartMarker>> ForClientAsync(Guid clientId, CancellationToken cancellationToken) =>
        (await db.Set<LifestyleStep>().AsNoTracking().Where(s => s.ClientId == clientId).OrderBy(s => s.AgreedAt).ToListAsync(cancellationToken))
            .Select(s => new ChartMarker(s.AgreedAt, "Step: " + s.Text, "Your step: " + s.Text))
            .ToList();
}
