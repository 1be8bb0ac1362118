using Microsoft.EntityFrameworkCore;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Outcomes;

public sealed record OutcomeRow(
    string Name,
    Guid? TherapistId,
    int FinishedCourses,
    int CasesAtStart,
    int Recovered,
    double? RecoveryRate,
    int ReliablyImproved,
    double? ReliableImprovementRate,
    int ReliablyRecovered,
    double? ReliableRecoveryRate,
    int ReliablyDeteriorated,
    double? ReliableDeteriorationRate);

public sealed record OutcomesDto(OutcomeRow Clinic, IReadOnlyList<OutcomeRow> Therapists, string Definitions);

/// <summary>
/// The clinic's outcome figures on the NHS Talking Therapies definitions, from ended courses: PHQ-9 and
/// GAD-7 first and last scores, attended sessions as treatment sessions. Admins see every therapist's
/// row; a therapist the clinic's figure and their own.
/// </summary>
public sealed class OutcomeFiguresQuery(OnTrackDbContext db, Caller caller, InstrumentCatalog catalog)
{
    public static readonly string[] PairedMeasures = ["phq-9", "gad-7"];

    public const string Definitions =
        "NHS Talking Therapies definitions: a finished course has at least two attended sessions and ended; a case at the start " +
        "scores PHQ-9 ≥ 10 and/or GAD-7 ≥ 8; recovery = a case at the first score and on neither measure at the last (rate among cases); " +
        "reliable improvement = a drop of at least 6 (PHQ-9) or 4 (GAD-7) on one measure and no reliable deterioration on the other; " +
        "reliable deterioration the mirror image; reliable recovery = recovered and reliably improved.";

    public async Task<OutcomesDto?> GetAsync(CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin && caller.TherapistId is null)
        {
            return null;
        }

        // Aggregates over the clinic: no client is shown, so the caseload filter does not apply here.
        var ended = await db.ClientRecords.Unfiltered(Bypass.ClinicStatistics).AsNoTracking()
            .Where(c => c.DischargedAt != null).Select(c => new { c.Id, c.PrimaryTherapistId }).ToListAsync(cancellationToken);
        var ids = ended.Select(c => c.Id).ToList();
        var attended = await db.Participants.Unfiltered(Bypass.ClinicStatistics).AsNoTracking()
            .Where(p => ids.Contains(p.ClientId) && p.Status == ParticipantStatus.Booked && p.Appointment!.Status == AppointmentStatus.Attended)
            .GroupBy(p => new { p.ClientId, p.Appointment!.TherapistId })
            .Select(g => new { g.Key.ClientId, g.Key.TherapistId, Sessions = g.Count() })
            .ToListAsync(cancellationToken);
        var scores = await db.Responses.Unfiltered(Bypass.ClinicStatistics).AsNoTracking()
            .Where(r => ids.Contains(r.ClientId) && r.Valid && PairedMeasures.Contains(r.InstrumentId))
            .OrderBy(r => r.CompletedAt)
            .Select(r => new { r.ClientId, r.InstrumentId, Total = r.Total!.Value })
            .ToListAsync(cancellationToken);
        var therapists = await db.Therapists.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.DisplayName, cancellationToken);

        var courses = new List<(Guid? Therapist, EndedCourse Course)>();
        var scoresByClient = scores.ToLookup(s => s.ClientId);
        foreach (var client in ended)
        {
            var sessions = attended.Where(a => a.ClientId == client.Id).ToList();
            var therapist = client.PrimaryTherapistId ?? sessions.OrderByDescending(s => s.Sessions).Select(s => (Guid?)s.TherapistId).FirstOrDefault();
            var pairs = scoresByClient[client.Id].GroupBy(s => s.InstrumentId).Where(g => g.Count() >= 2 && catalog.All.ContainsKey(g.Key))
                .Select(g => new PairedScores(catalog.All[g.Key], g.First().Total, g.Last().Total)).ToList();
            courses.Add((therapist, new EndedCourse(sessions.Sum(s => s.Sessions), pairs)));
        }

        var rows = courses.GroupBy(c => c.Therapist)
            .Where(g => g.Key is { } id && (caller.IsAdmin || id == caller.TherapistId))
            .Select(g => Row(therapists.GetValueOrDefault(g.Key!.Value, "Unknown"), g.Key, OutcomeStatistics.Of(g.Select(c => c.Course))))
            .OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        // Counts over the clinic's ended courses: one audited read of the figures, naming no client.
        db.AuditRead("OutcomeFigures", "clinic", null, $"{courses.Count} ended courses");
        return new OutcomesDto(Row("Clinic", null, OutcomeStatistics.Of(courses.Select(c => c.Course))), rows, Definitions);
    }

    private static OutcomeRow Row(string name, Guid? therapistId, OutcomeFigures f) => new(
        name, therapistId, f.Finished, f.Cases, f.Recovered, f.RecoveryRate, f.ReliablyImproved, f.ReliableImprovementRate,
        f.ReliablyRecovered, f.ReliableRecoveryRate, f.ReliablyDeteriorated, f.ReliableDeteriorationRate);
}
