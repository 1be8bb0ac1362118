using Microsoft.EntityFrameworkCore;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Outcomes;

namespace OnTrack.Web.Features.Reviews;

/// <summary>Each decision of a review is a marker on the client's charts, so the course since the change can be seen.</summary>
internal sealed class ReviewChartMarkers(OnTrackDbContext db) : IChartMarkers
{
    public async Task<IReadOnlyList<ChartMarker>> ForClientAsync(Guid clientId, CancellationToken cancellationToken) =>
        (await db.Set<ReviewAction>().AsNoTracking().Where(a => a.ClientId == clientId).OrderBy(a => a.TakenAt).ToListAsync(cancellationToken))
            .Select(a => new ChartMarker(a.TakenAt, "Review: " + ReviewWords.Action(a.Kind), "Agreed: " + ReviewWords.Action(a.Kind)))
            .ToList();
}
