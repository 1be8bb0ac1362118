using Microsoft.EntityFrameworkCore;
using OnTrack.Domain.Reviews;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Reviews;

/// <summary>For one kind of decision: how many were taken, how many have enough scores since to judge, and what followed.</summary>
public sealed record ActionKindOutcome(ReviewActionKind Kind, string Name, int Taken, int Judged, int BackOnTrack, int Improving, int NoChange, int Worse);

/// <summary>Per kind of decision across the clinic, with the warning that this is not a trial.</summary>
public sealed record ReviewOutcomesDto(IReadOnlyList<ActionKindOutcome> Kinds, string Caveat);

/// <summary>
/// What followed each kind of decision across the clinic's reviews (admins): counted from each client's
/// course before and after (<see cref="ReviewEffects"/>). Observational counts, not a comparison of treatments.
/// </summary>
public sealed class ReviewOutcomes(OnTrackDbContext db, ReviewEffects effects)
{
    public const string Caveat =
        "These are counts of what happened after each kind of decision, not a trial: clients were not assigned at random, " +
        "off-track clients often improve anyway, and the decision may not have caused what followed.";

    public async Task<ReviewOutcomesDto> GetAsync(CancellationToken cancellationToken)
    {
        var actions = await db.Set<ReviewAction>().AsNoTracking()
            .Join(db.Set<Review>().Where(r => r.State == ReviewState.Completed), a => a.ReviewId, r => r.Id, (a, r) => a)
            .ToListAsync(cancellationToken);
        var verdicts = new List<(ReviewActionKind Kind, ChangeVerdict Verdict)>();
        foreach (var client in actions.GroupBy(a => a.ClientId))
        {
            var dtos = client.Select(a => new ActionDto(a.Id, a.Kind, a.Details, a.TakenAt.ToDateTimeOffset(), a.ByName, a.NewApproach, a.NewFrequency, a.PlanVersion, a.FollowUp, null, null)).ToList();
            var found = await effects.ForAsync(client.Key, dtos, cancellationToken);
            verdicts.AddRange(client.Select(a => (a.Kind, found[a.Id].Verdict)));
        }

        var kinds = Enum.GetValues<ReviewActionKind>().Select(kind =>
        {
            var of = verdicts.Where(v => v.Kind == kind).Select(v => v.Verdict).ToList();
            return new ActionKindOutcome(kind, ReviewWords.Action(kind), of.Count, of.Count(v => v != ChangeVerdict.TooEarly),
                of.Count(v => v == ChangeVerdict.BackOnTrack), of.Count(v => v == ChangeVerdict.Improving), of.Count(v => v == ChangeVerdict.NoChange), of.Count(v => v == ChangeVerdict.Worse));
        }).ToList();
        return new ReviewOutcomesDto(kinds, Caveat);
    }
}
