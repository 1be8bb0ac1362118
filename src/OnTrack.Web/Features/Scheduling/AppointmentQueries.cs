using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Scheduling;

/// <summary>
/// Reads appointments through the context's filters: a client sees their own, a therapist their own
/// schedule, admin and reception their clinic. Anything else is simply not found. Every read is audited.
/// </summary>
public sealed class AppointmentQueries(OnTrackDbContext db)
{
    public IQueryable<Appointment> WithDetails() => db.Appointments
        .Include(a => a.Service).Include(a => a.Therapist)
        .Include(a => a.Participants.Where(p => p.Status == ParticipantStatus.Booked)).ThenInclude(p => p.Client);

    public async Task<Appointment?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var appointment = await WithDetails().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is not null)
        {
            db.AuditRead("Appointment", id.ToString(), appointment.Participants.FirstOrDefault()?.ClientId);
            await db.SaveChangesAsync(cancellationToken);
        }

        return appointment;
    }

    /// <summary>The caller's appointments in [from, to): their own as a client, their schedule as a therapist, or one therapist's for admins.</summary>
    public async Task<IReadOnlyList<Appointment>> ListAsync(Instant from, Instant to, Guid? therapistId, bool includeCancelled, CancellationToken cancellationToken)
    {
        var query = WithDetails().AsNoTracking().Where(a => a.Start >= from && a.Start < to);
        if (therapistId is not null)
        {
            query = query.Where(a => a.TherapistId == therapistId);
        }
        else if (db.Caller.TherapistId is { } own && db.Caller.ClientId is null)
        {
            query = query.Where(a => a.TherapistId == own);
        }

        if (!includeCancelled)
        {
            query = query.Where(a => a.Status < AppointmentStatus.Cancelled);
        }

        var list = await query.OrderBy(a => a.Start).ToListAsync(cancellationToken);
        db.AuditRead("AppointmentList", therapistId?.ToString() ?? db.Caller.TherapistId?.ToString() ?? db.Caller.ClientId?.ToString() ?? "", db.Caller.ClientId,
            $"{list.Count} appointments {from}..{to}");
        await db.SaveChangesAsync(cancellationToken);
        return list;
    }
}
