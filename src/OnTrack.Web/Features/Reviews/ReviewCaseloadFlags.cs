using Microsoft.EntityFrameworkCore;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Measures;

namespace OnTrack.Web.Features.Reviews;

/// <summary>Clients with an open review, and actions due a look after 4 more sessions, on the caseload.</summary>
internal sealed class ReviewCaseloadFlags(OnTrackDbContext db) : ICaseloadFlags
{
    public async Task<IReadOnlyList<CaseloadFlag>> ForCallerAsync(CancellationToken cancellationToken) =>
        (await db.Set<Review>().AsNoTracking().Where(r => r.State == ReviewState.Open).Select(r => new { r.ClientId, r.Id }).ToListAsync(cancellationToken))
            .Select(r => new CaseloadFlag(r.ClientId, "Review open", $"clients/{r.ClientId}/reviews/{r.Id}"))
            .ToList();
}
