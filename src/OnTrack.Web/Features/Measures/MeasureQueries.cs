using Microsoft.EntityFrameworkCore;
using OnTrack.Domain.Measures;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Data;
using OnTrack.Web.Features.CareTeams;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Measures;

/// <summary>A client's responses and where they stand on each measure. Every read is audited.</summary>
public sealed class MeasureQueries(OnTrackDbContext db, Caller caller, InstrumentCatalog catalog, ClientAccess access)
{
    /// <summary>The client's responses, oldest first; null when the caller may not see the client.</summary>
    public async Task<IReadOnlyList<MeasureResponse>?> ResponsesAsync(Guid clientId, CancellationToken cancellationToken)
    {
        if (!await CanSeeAsync(clientId, cancellationToken))
        {
            return null;
        }

        var responses = await db.Responses.AsNoTracking().Where(r => r.ClientId == clientId)
            .OrderBy(r => r.CompletedAt).ThenBy(r => r.RecordedAt).ToListAsync(cancellationToken);
        db.AuditRead("MeasureResponse", "list", clientId, $"{responses.Count} responses");
        return responses;
    }

    /// <summary>One of the calling client's own responses (the confirmation page after sending a form); null for anyone else's.</summary>
    public async Task<MeasureResponse?> OwnResponseAsync(Guid responseId, CancellationToken cancellationToken)
    {
        if (caller.ClientId is not { } own)
        {
            return null;
        }

        var response = await db.Responses.AsNoTracking().FirstOrDefaultAsync(r => r.Id == responseId && r.ClientId == own, cancellationToken);
        if (response is not null)
        {
            db.AuditRead("MeasureResponse", responseId.ToString(), own);
        }

        return response;
    }

    public async Task<IReadOnlyList<ProgressDto>?> ProgressAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var responses = await ResponsesAsync(clientId, cancellationToken);
        return responses is null ? null : ProgressOf(responses);
    }

    public IReadOnlyList<ProgressDto> ProgressOf(IEnumerable<MeasureResponse> responses) =>
        responses.Where(r => r.Valid && r.Total is not null && catalog.All.ContainsKey(r.InstrumentId))
            .GroupBy(r => r.InstrumentId)
            .Select(g =>
            {
                var instrument = catalog.All[g.Key];
                var p = Progress.Of(instrument, g.OrderBy(r => r.CompletedAt).Select(r => new ScorePoint(r.CompletedAt.ToUnixTimeTicks(), r.Total!.Value)).ToList());
                return new ProgressDto(instrument.Id, instrument.Title, instrument.Role, instrument.Direction, p.Scores, p.Baseline, p.Latest, p.Change, p.Category,
                    p.BaselineCase, p.LatestCase, p.Recovered, p.ReliablyRecovered, p.Band, instrument.Cutoff?.Value);
            })
            .OrderBy(p => p.Role).ThenBy(p => p.InstrumentId, StringComparer.Ordinal)
            .ToList();

    /// <summary>Scores are for the client themselves, their care team and admins (not reception): decided by <see cref="ClientAccess"/>.</summary>
    public async Task<bool> CanSeeAsync(Guid clientId, CancellationToken cancellationToken) =>
        await access.CheckAsync(clientId, ClientOperation.ReadClinical, cancellationToken) is not null;
}
