using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Measures;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Instruments;
using OnTrack.Web.Features.Scheduling;

namespace OnTrack.Web.Features.Measures;

/// <summary>The session forms are being collected for: its number in the client's course and when it starts.</summary>
public sealed record FormSession(Guid AppointmentId, Instant Start, int Number, Guid TherapistId, Instant? End = null);

/// <summary>The forms a client should complete now, for <see cref="Session"/> (or intake forms when no session is near).</summary>
public sealed record DueSet(Guid ClientId, FormSession? Session, IReadOnlyList<Instrument> Instruments);

/// <summary>The clinic's default plan, used for every client without a plan of their own.</summary>
public static class DefaultPlan
{
    public static readonly MeasureRule[] Rules =
    [
        new("phq-9", MeasureTiming.EverySession),
        new("gad-7", MeasureTiming.EverySession),
        new("ontrack-session-check", MeasureTiming.EverySession),
        new("ontrack-readiness", MeasureTiming.EveryNthSession, 4),
        new("who-5", MeasureTiming.Intake),
        new("who-5", MeasureTiming.Discharge),
    ];
}

/// <summary>
/// Works out which forms are due. Callers authorize access to the client first; the lookups here then
/// see the client's whole course (all therapists), so session numbers and "already done" are right for
/// reception and the kiosk as well.
/// </summary>
public sealed class DueForms(OnTrackDbContext db, InstrumentCatalog catalog, IEnumerable<IClientForms> clientForms)
{
    /// <summary>Forms stay open this long after a session ends, for the post-session check.</summary>
    public static readonly Duration OpenAfterEnd = Duration.FromHours(12);

    public async Task<IReadOnlyList<MeasureRule>> PlanAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var entries = await db.MeasurePlans.AsNoTracking().Where(p => p.ClientId == clientId || p.ClientId == null)
            .OrderBy(p => p.Position).ToListAsync(cancellationToken);
        var own = entries.Where(e => e.ClientId == clientId).Select(e => e.ToRule()).ToList();
        if (own.Count > 0)
        {
            return own;
        }

        var clinicDefault = entries.Where(e => e.ClientId is null).Select(e => e.ToRule()).ToList();
        return clinicDefault.Count > 0 ? clinicDefault : DefaultPlan.Rules;
    }

    public async Task<FormSession?> SessionAsync(Guid clientId, Clinic clinic, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        var opensBefore = Duration.FromHours(clinic.FormsOpenHoursBefore);
        var horizon = now + opensBefore;
        var sessions = await db.Appointments.Unfiltered(Bypass.SubmissionChecks).AsNoTracking()
            .Where(a => a.Participants.Any(p => p.ClientId == clientId && p.Status == ParticipantStatus.Booked)
                        && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Attended)
                        && a.Start <= horizon)
            .OrderBy(a => a.Start)
            .Select(a => new { a.Id, a.Start, a.End, a.TherapistId })
            .ToListAsync(cancellationToken);
        for (var i = 0; i < sessions.Count; i++)
        {
            var s = sessions[i];
            if (now >= s.Start - opensBefore && now <= s.End + OpenAfterEnd)
            {
                return new FormSession(s.Id, s.Start, i + 1, s.TherapistId, s.End);
            }
        }

        return null;
    }

    public async Task<DueSet> ForAsync(Guid clientId, Clinic clinic, Instant now, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(clientId, cancellationToken);
        var session = await SessionAsync(clientId, clinic, now, cancellationToken);
        var done = await db.Responses.Unfiltered(Bypass.SubmissionChecks).AsNoTracking()
            .Where(r => r.ClientId == clientId)
            .Select(r => new { r.InstrumentId, r.AppointmentId })
            .Distinct()
            .ToListAsync(cancellationToken);
        var ever = done.Select(d => d.InstrumentId).ToHashSet(StringComparer.Ordinal);
        var forSession = session is null ? [] : done.Where(d => d.AppointmentId == session.AppointmentId).Select(d => d.InstrumentId).ToHashSet(StringComparer.Ordinal);

        // Without a session near, only intake forms can be due (a new client before their first session).
        var rules = session is null ? plan.Where(r => r.Timing == MeasureTiming.Intake) : plan;
        // The session check rates the last session: there is none to rate before the first has happened
        // (earlier sessions in the course have ended; or this one, the first, is over).
        var held = session is not null && (session.Number > 1 || (session.End is { } end && now >= end));
        var alliance = catalog.All.Values.Where(i => i.Role == InstrumentRole.Alliance).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var context = new DueContext(session?.Number ?? 1, await EndingAsync(clientId, cancellationToken), ever, forSession, held, alliance);
        var due = DueMeasures.For(rules, context).Where(catalog.Plannable.ContainsKey).Select(id => catalog.Plannable[id]).ToList();

        // The client's own forms (goal ratings) at every session, before the rating of the session itself;
        // some (the review questionnaire) also between sessions.
        foreach (var source in clientForms.Where(s => session is not null || s.DueBetweenSessions))
        {
            var forms = (await source.ForClientAsync(clientId, cancellationToken)).Where(f => !forSession.Contains(f.Id)).ToList();
            var at = due.FindIndex(i => i.Role == InstrumentRole.Alliance);
            due.InsertRange(at < 0 ? due.Count : at, forms);
        }

        return new DueSet(clientId, session, due);
    }

    private Task<bool> EndingAsync(Guid clientId, CancellationToken cancellationToken) =>
        db.ClientRecords.Unfiltered(Bypass.SubmissionChecks).Where(c => c.Id == clientId).Select(c => c.Ending).FirstOrDefaultAsync(cancellationToken);
}
