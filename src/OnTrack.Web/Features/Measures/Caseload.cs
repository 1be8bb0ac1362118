using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Measures;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Measures;

public sealed record LatestScore(string InstrumentId, decimal Latest, decimal? Change, ChangeCategory ReliableChange, string? Band, int Scores);

public sealed record CaseloadRow(
    Guid ClientId,
    string Name,
    CaseColour Status,
    string StatusReason,
    IReadOnlyList<LatestScore> Scores,
    int OpenAlerts,
    bool OpenRisk,
    DateTimeOffset? NextSession,
    DateTimeOffset? LastForm);

/// <summary>
/// The therapist's caseload (admins: the clinic's) with latest scores, change, status colour, open alerts
/// and next session. Four set-based queries whatever the number of clients or the length of their
/// courses (scores: one row per client and instrument); the rest is in memory.
/// </summary>
public sealed class Caseload(OnTrackDbContext db, Caller caller, InstrumentCatalog catalog, IClock clock)
{
    public async Task<IReadOnlyList<CaseloadRow>> ListAsync(CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin && caller.TherapistId is null)
        {
            return [];
        }

        var now = clock.GetCurrentInstant();
        var clients = await db.ClientRecords.AsNoTracking().Where(c => c.DischargedAt == null)
            .Select(c => new { c.Id, c.FullName }).ToListAsync(cancellationToken);
        var ids = clients.Select(c => c.Id).ToList();

        // One row per client in treatment and instrument, whatever the length of their course: the count,
        // the first and the latest score (all that the progress and the colour need), not every response;
        // bounded by the caseload's clients (an index range each), not by the clinic's history. In two
        // steps, so that the compartment's filter is checked once per row rather than once more in each
        // correlated subquery: the groups, then the rows at their first and latest times.
        var groups = await db.Responses.AsNoTracking().Where(r => ids.Contains(r.ClientId) && r.Valid && r.Total != null)
            .GroupBy(r => new { r.ClientId, r.InstrumentId })
            .Select(g => new { g.Key.ClientId, g.Key.InstrumentId, Count = g.Count(), FirstAt = g.Min(r => r.CompletedAt), LastAt = g.Max(r => r.CompletedAt) })
            .ToListAsync(cancellationToken);
        var endTimes = groups.SelectMany(g => new[] { g.FirstAt, g.LastAt }).Distinct().ToList();
        var endRows = (await db.Responses.AsNoTracking()
                .Where(r => ids.Contains(r.ClientId) && r.Valid && r.Total != null && endTimes.Contains(r.CompletedAt))
                .Select(r => new { r.ClientId, r.InstrumentId, r.CompletedAt, r.Id, Total = r.Total!.Value, r.CourseStatus })
                .ToListAsync(cancellationToken))
            .ToLookup(r => (r.ClientId, r.InstrumentId, r.CompletedAt));
        var scores = groups.Select(g =>
        {
            // Two scores at the same moment: the later id counts as the later, as everywhere else.
            var first = endRows[(g.ClientId, g.InstrumentId, g.FirstAt)].MinBy(r => r.Id)!;
            var latest = endRows[(g.ClientId, g.InstrumentId, g.LastAt)].MaxBy(r => r.Id)!;
            return new { g.ClientId, g.InstrumentId, g.Count, g.FirstAt, g.LastAt, First = first.Total, Latest = latest.Total, LatestStatus = latest.CourseStatus };
        }).ToList();
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.State != AlertState.Resolved)
            .Select(a => new { a.ClientId, a.Kind }).ToListAsync(cancellationToken);
        var next = await db.Participants.AsNoTracking()
            .Where(p => ids.Contains(p.ClientId) && p.Status == ParticipantStatus.Booked && p.Appointment!.Status == AppointmentStatus.Booked && p.Appointment.Start >= now)
            .Select(p => new { p.ClientId, p.Appointment!.Start })
            .GroupBy(p => p.ClientId)
            .Select(g => new { ClientId = g.Key, Start = g.Min(p => p.Start) })
            .ToListAsync(cancellationToken);

        var scoresByClient = scores.ToLookup(s => s.ClientId);
        var alertsByClient = alerts.ToLookup(a => a.ClientId);
        var nextByClient = next.ToDictionary(n => n.ClientId, n => n.Start);
        var rows = new List<CaseloadRow>(clients.Count);
        foreach (var client in clients)
        {
            var latest = new List<LatestScore>();
            var outcomes = new List<Progress>();
            Domain.Course.CourseStatus? course = null;
            var measures = scoresByClient[client.Id].OrderBy(m => m.FirstAt).ThenBy(m => m.InstrumentId, StringComparer.Ordinal).ToList();
            foreach (var measure in measures)
            {
                if (!catalog.All.TryGetValue(measure.InstrumentId, out var instrument))
                {
                    continue;
                }

                ScorePoint[] ends = measure.Count == 1
                    ? [new(measure.FirstAt.ToUnixTimeTicks(), measure.First)]
                    : [new(measure.FirstAt.ToUnixTimeTicks(), measure.First), new(measure.LastAt.ToUnixTimeTicks(), measure.Latest)];
                var progress = Progress.Of(instrument, ends) with { Scores = measure.Count };
                latest.Add(new LatestScore(instrument.Id, progress.Latest!.Value, progress.Scores > 1 ? progress.Change : null, progress.Category, progress.Band, progress.Scores));
                if (instrument.Role == InstrumentRole.Outcome)
                {
                    outcomes.Add(progress);
                    course = Worse(course, measure.LatestStatus);
                }
            }

            var open = alertsByClient[client.Id].ToList();
            var openRisk = open.Any(a => a.Kind is AlertKind.Risk);
            var (colour, reason) = CaseStatus.Of(outcomes, open.Any(a => a.Kind is AlertKind.Risk or AlertKind.NotOnTrack), open.Count > 0, course);
            var last = measures.Count == 0 ? (Instant?)null : measures.Max(m => m.LastAt);
            rows.Add(new CaseloadRow(client.Id, client.FullName, colour, reason, latest, open.Count, openRisk,
                nextByClient.TryGetValue(client.Id, out var n) ? n.ToDateTimeOffset() : null, last?.ToDateTimeOffset()));
        }

        // Each client shown is a read of that client's record.
        db.ReadAudit.SawEach("Caseload", rows.Select(r => r.ClientId), $"{rows.Count} clients");
        return rows;
    }

    private static Domain.Course.CourseStatus? Worse(Domain.Course.CourseStatus? a, Domain.Course.CourseStatus? b) =>
        a == Domain.Course.CourseStatus.NotOnTrack || b == Domain.Course.CourseStatus.NotOnTrack ? Domain.Course.CourseStatus.NotOnTrack
        : a == Domain.Course.CourseStatus.AtRisk || b == Domain.Course.CourseStatus.AtRisk ? Domain.Course.CourseStatus.AtRisk
        : a ?? b;

    /// <summary>Sorts by a column name from the page or API; most urgent first by default.</summary>
    public static IEnumerable<CaseloadRow> Sort(IEnumerable<CaseloadRow> rows, string? by) => by switch
    {
        "name" => rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase),
        "next" => rows.OrderBy(r => r.NextSession ?? DateTimeOffset.MaxValue).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase),
        "alerts" => rows.OrderByDescending(r => r.OpenAlerts).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase),
        "phq-9" or "gad-7" or "ontrack-session-check" => rows.OrderByDescending(r => r.Scores.FirstOrDefault(s => s.InstrumentId == by)?.Latest ?? decimal.MinValue),
        _ => rows.OrderByDescending(r => r.Status).ThenByDescending(r => r.OpenAlerts).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase),
    };
}
