using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Plans;

namespace OnTrack.Web.Features.Lifestyle;

/// <summary>
/// The therapist's view across their clients: who keeps the log and their last week at a glance. The
/// compartment decides whose logs the caller sees; nothing here asks to be read daily and nothing raises an alert.
/// </summary>
public sealed class LifestyleOverview(OnTrackDbContext db, PlanActor actor)
{
    public async Task<IReadOnlyList<LoggingClientDto>> ClientsAsync(CancellationToken cancellationToken)
    {
        // The clinic's today is close enough for a week at a glance; each client's days are their own.
        var today = await actor.TodayAsync(cancellationToken);
        var since = today.PlusDays(-27);
        var rows = await db.Set<DailyCheckIn>().AsNoTracking().Where(c => c.Date >= since && c.Date <= today.PlusDays(1))
            .Select(c => new { c.ClientId, c.Date, c.Mood, c.SleepMinutes, c.ActivityMinutes })
            .ToListAsync(cancellationToken);
        var clientIds = rows.Select(r => r.ClientId).Distinct().ToList();
        var names = await db.ClientRecords.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.FullName, cancellationToken);
        var withSteps = (await db.Set<LifestyleStep>().AsNoTracking().Where(s => clientIds.Contains(s.ClientId) && s.EndedAt == null).Select(s => s.ClientId).ToListAsync(cancellationToken)).ToHashSet();
        var weekStart = today.PlusDays(-6);
        return rows.GroupBy(r => r.ClientId)
            .Where(g => names.ContainsKey(g.Key))
            .Select(g =>
            {
                var week = g.Where(r => r.Date >= weekStart && r.Mood is not null).ToList();
                var sleep = week.Where(r => r.SleepMinutes is not null).ToList();
                return new LoggingClientDto(g.Key, names[g.Key], week.Count, g.Where(r => r.Mood is not null).Select(r => (LocalDate?)r.Date).Max()?.ToDateOnly(),
                    week.Count == 0 ? null : Math.Round((decimal)week.Average(r => r.Mood!.Value), 1, MidpointRounding.AwayFromZero),
                    sleep.Count == 0 ? null : Math.Round((decimal)sleep.Average(r => r.SleepMinutes!.Value) / 60m, 1, MidpointRounding.AwayFromZero),
                    week.Count(r => r.ActivityMinutes > 0), withSteps.Contains(g.Key));
            })
            .OrderBy(c => c.Name, StringComparer.CurrentCulture)
            .ToList();
    }
}
