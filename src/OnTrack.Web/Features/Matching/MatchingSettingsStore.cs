using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Plans;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Matching;

public sealed record MatchingSettingsDto(int MinCases, bool ClientsMayChoose);

public sealed record MatchingSettingsRequest(int? MinCases, bool? ClientsMayChoose);

/// <summary>The clinic's matching settings: read by its staff and clients (whether they may choose), changed by its admins.</summary>
public sealed class MatchingSettingsStore(OnTrackDbContext db, Caller caller, PlanActor actor, IClock clock)
{
    public const int MinMinCases = 2;
    public const int MaxMinCases = 1000;

    public async Task<MatchingSettingsDto> GetAsync(CancellationToken cancellationToken)
    {
        var row = await db.Set<MatchingSettings>().AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return row is null ? new MatchingSettingsDto(MatchingSettings.DefaultMinCases, false) : new MatchingSettingsDto(row.MinCases, row.ClientsMayChoose);
    }

    public async Task<Result<MatchingSettingsDto>> SetAsync(MatchingSettingsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!caller.IsAdmin || caller.ClinicId is not { } clinicId)
        {
            return Problem.NotFound("The clinic's matching settings");
        }

        if (request.MinCases is < MinMinCases or > MaxMinCases)
        {
            return Problem.BadRequest($"The ended courses needed before a rating must be a whole number from {MinMinCases} to {MaxMinCases}.");
        }

        var row = await db.Set<MatchingSettings>().FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            row = new MatchingSettings { ClinicId = clinicId };
            db.Add(row);
        }

        row.MinCases = request.MinCases ?? row.MinCases;
        row.ClientsMayChoose = request.ClientsMayChoose ?? row.ClientsMayChoose;
        row.UpdatedAt = clock.GetCurrentInstant();
        row.UpdatedByName = await actor.NameAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problem.Conflict("Another admin saved these settings at the same moment. Open them again and make your change there.");
        }

        return new MatchingSettingsDto(row.MinCases, row.ClientsMayChoose);
    }
}
