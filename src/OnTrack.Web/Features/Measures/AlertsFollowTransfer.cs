using Microsoft.EntityFrameworkCore;
using OnTrack.Web.Data;
using OnTrack.Web.Features.CareTeams;

namespace OnTrack.Web.Features.Measures;

/// <summary>On a change of therapist, the client's open alerts are the new therapist's to act on.</summary>
internal sealed class AlertsFollowTransfer(OnTrackDbContext db) : ITransferOfCareStep
{
    public async Task ApplyAsync(Guid clientId, Guid? formerTherapistId, Guid newTherapistId, CancellationToken cancellationToken)
    {
        var alerts = await db.Alerts.Where(a => a.ClientId == clientId && a.State != AlertState.Resolved).ToListAsync(cancellationToken);
        foreach (var alert in alerts)
        {
            alert.TherapistId = newTherapistId;
        }
    }
}
