using Microsoft.EntityFrameworkCore;
using OnTrack.Domain.Measures;
using OnTrack.Domain.Reviews;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Plans;

namespace OnTrack.Web.Features.Reviews;

/// <summary>What followed one decision: the course before and after it, in words, and whether enough sessions have passed to judge.</summary>
public sealed record ActionEffect(string Text, bool Ready, ChangeVerdict Verdict);

/// <summary>
/// Did it help? For each decision of a review, the client's main outcome measure before and after it
/// (<see cref="ChangeEffect"/>: status against the expected course, slope, goal movement), worded as what
/// happened in one client — never as proof.
/// </summary>
public sealed class ReviewEffects(OnTrackDbContext db, InstrumentCatalog catalog)
{
    public async Task<IReadOnlyDictionary<Guid, ActionEffect>> ForAsync(Guid clientId, IReadOnlyList<ActionDto> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return new Dictionary<Guid, ActionEffect>();
        }

        var responses = await db.Responses.AsNoTracking().Where(r => r.ClientId == clientId && r.Valid && r.Total != null)
            .Select(r => new { r.InstrumentId, Total = r.Total!.Value, r.CompletedAt, r.SessionNumber, r.CourseSession, r.CourseStatus })
            .ToListAsync(cancellationToken);
        // The measure of the plan's main problem area when the client has its scores; else the one with most scores.
        var mainArea = await db.Set<TreatmentPlanVersion>().AsNoTracking().Where(p => p.ClientId == clientId).OrderByDescending(p => p.Version)
            .Select(p => p.ProblemAreas).FirstOrDefaultAsync(cancellationToken);
        var preferred = ExpectationReadings.InstrumentFor(mainArea?.FirstOrDefault());
        var main = responses.Where(r => catalog.All.TryGetValue(r.InstrumentId, out var i) && i.Role == InstrumentRole.Outcome && i.ReliableChange is not null)
            .GroupBy(r => r.InstrumentId).OrderByDescending(g => g.Key == preferred).ThenByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        var result = new Dictionary<Guid, ActionEffect>();
        if (main is null)
        {
            foreach (var action in actions)
            {
                result[action.Id] = new("No outcome scores to compare before and after.", false, ChangeVerdict.TooEarly);
            }

            return result;
        }

        var instrument = catalog.All[main.Key];
        var ordered = main.OrderBy(r => r.CompletedAt).ToList();
        var points = ordered.Select((r, i) => new OutcomePoint(r.CompletedAt, r.SessionNumber ?? r.CourseSession ?? i, r.Total, r.CourseStatus)).ToList();
        var goals = responses.Where(r => catalog.All.TryGetValue(r.InstrumentId, out var i) && i.Role == InstrumentRole.Goals)
            .Select(r => new GoalPoint(r.CompletedAt, r.Total)).ToList();
        foreach (var action in actions)
        {
            var effect = ChangeEffect.Of(NodaTime.Instant.FromDateTimeOffset(action.TakenAt), points, instrument.Direction, instrument.ReliableChange!.Threshold, goals);
            result[action.Id] = new($"{instrument.Title} since then: {effect.Summary}", effect.Verdict != ChangeVerdict.TooEarly, effect.Verdict);
        }

        return result;
    }
}
