using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Measures;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Measures;

/// <summary>Which measures a client completes and when: their own plan, or the clinic's default.</summary>
public sealed class MeasurePlanAdmin(OnTrackDbContext db, Caller caller, InstrumentCatalog catalog, DueForms due, IClock clock)
{
    public async Task<MeasurePlanDto?> GetAsync(Guid clientId, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(clientId, cancellationToken))
        {
            return null;
        }

        var own = await db.MeasurePlans.AsNoTracking().AnyAsync(p => p.ClientId == clientId, cancellationToken);
        var rules = await due.PlanAsync(clientId, cancellationToken);
        return new MeasurePlanDto(clientId, !own, rules.Select(r => new MeasureRuleDto(r.InstrumentId, r.Timing, r.Every)).ToList());
    }

    /// <summary>Replaces the client's plan; an empty list returns the client to the clinic's default.</summary>
    public async Task<Result<MeasurePlanDto>> SetAsync(Guid clientId, IReadOnlyList<MeasureRuleDto>? rules, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(clientId, cancellationToken))
        {
            return Problem.NotFound("The client");
        }

        rules ??= [];
        if (rules.Any(r => r is null))
        {
            return Problem.BadRequest("Each line of the plan is an object with an instrument and when it is due; an empty line (null) is not one.");
        }

        var problems = rules.Select(r => new MeasureRule(r.InstrumentId, r.Timing, r.Timing == MeasureTiming.EveryNthSession ? r.Every : 1))
            .Select(r => r.Problem ?? (catalog.Plannable.ContainsKey(r.InstrumentId) ? null : $"'{r.InstrumentId}' is not one of the clinic's instruments."))
            .Where(p => p is not null).ToList();
        if (problems.Count > 0)
        {
            return Problem.BadRequest(string.Join(" ", problems));
        }

        if (rules.Count > 30)
        {
            return Problem.BadRequest("A plan has at most 30 lines.");
        }

        db.MeasurePlans.RemoveRange(await db.MeasurePlans.Where(p => p.ClientId == clientId).ToListAsync(cancellationToken));
        db.MeasurePlans.AddRange(rules.Select((r, i) => new MeasurePlanEntry
        {
            ClientId = clientId,
            InstrumentId = r.InstrumentId,
            Timing = r.Timing,
            Every = r.Timing == MeasureTiming.EveryNthSession ? r.Every : 1,
            Position = i,
        }));
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(clientId, cancellationToken))!;
    }

    /// <summary>
    /// Marks the course as ending (discharge measures become due) or ended (it then counts in the
    /// clinic's outcome figures); reopening clears both.
    /// </summary>
    public async Task<Problem?> SetCourseAsync(Guid clientId, string state, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(clientId, cancellationToken))
        {
            return Problem.NotFound("The client");
        }

        var client = await db.ClientRecords.SingleAsync(c => c.Id == clientId, cancellationToken);
        switch (state)
        {
            case "ending":
                client.Ending = true;
                break;
            case "ended":
                client.Ending = false;
                client.DischargedAt = clock.GetCurrentInstant();
                break;
            case "open":
                client.Ending = false;
                client.DischargedAt = null;
                break;
            default:
                return Problem.BadRequest("The course state is open, ending or ended.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>The client's therapists and admins set plans; the Caller filter has already limited therapists to their caseload.</summary>
    private async Task<bool> CanManageAsync(Guid clientId, CancellationToken cancellationToken) =>
        (caller.IsAdmin || caller.TherapistId is not null) && await db.ClientRecords.AnyAsync(c => c.Id == clientId, cancellationToken);
}
