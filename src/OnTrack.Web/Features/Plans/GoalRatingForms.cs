using Microsoft.EntityFrameworkCore;
using OnTrack.Domain.Measures;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Measures;

namespace OnTrack.Web.Features.Plans;

/// <summary>
/// The goal ratings of the check-in: the client's active goals as a form of 0–10 items, due at every
/// session (Measures asks through <see cref="IClientForms"/>). Like the rest of what is due, it is worked
/// out for whoever hands the client the form (the kiosk, reception), hence the submission-check bypass.
/// </summary>
internal sealed class GoalRatingForms(OnTrackDbContext db) : IClientForms
{
    public async Task<IReadOnlyList<Instrument>> ForClientAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var goals = await db.Goals.Unfiltered(Bypass.SubmissionChecks).AsNoTracking()
            .Where(g => g.ClientId == clientId && g.Status == GoalStatus.Active)
            .OrderBy(g => g.CreatedAt)
            .Select(g => new GoalItem(g.LinkId, g.Text))
            .ToListAsync(cancellationToken);
        return goals.Count == 0 ? [] : [GoalRatingForm.For(goals)];
    }
}
