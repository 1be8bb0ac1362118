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
            await AuditAsync("Appointment", id.ToString(), [appointment], "", cancellationToken);
        }

        return appointment;
    }

    /// <summary>The booked sessions of a series the caller may see.</summary>
    public async Task<IReadOnlyList<Appointment>> SeriesAsync(Guid seriesId, CancellationToken cancellationToken)
    {
        var list = await WithDetails().AsNoTracking().Where(a => a.SeriesId == seriesId && a.Status == AppointmentStatus.Booked).OrderBy(a => a.Start).ToListAsync(cancellationToken);
        await AuditAsync("AppointmentSeries", seriesId.ToString(), list, $"{list.Count} appointments", cancellationToken);
        return list;
    }

    /// <summary>One audit event per client whose appointments were read, so "who read this client's record" has a complete answer.</summary>
    private async Task AuditAsync(string type, string id, IReadOnlyList<Appointment> read, string details, CancellationToken cancellationToken)
    {
        var clients = read.SelectMany(a => a.Participants).Select(p => p.ClientId).Distinct().ToList();
        if (clients.Count == 0)
        {
            db.AuditRead(type, id, null, details);
        }

        foreach (var client in clients)
        {
            db.AuditRead(type, id, client, details);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The caller's appointments in [from, to): their own as a client, their schedule as a therapist, or one therapist's for admins.</summary>
    /// <summary>Every session of one client, cancelled ones included, oldest first (the client's timeline).</summary>
    public async Task<IReadOnlyList<Appointment>> ForClientAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var list = await WithDetails().AsNoTracking().Where(a => a.Participants.Any(p => p.ClientId == clientId)).OrderBy(a => a.Start).ToListAsync(cancellationToken);
        await AuditAsync("AppointmentList", clientId.ToString(), list, $"{list.Count} appointments of one client", cancellationToken);
        return list;
    }

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
        await AuditAsync("AppointmentList", therapistId?.ToString() ?? db.Caller.TherapistId?.ToString() ?? db.Caller.ClientId?.ToString() ?? "", list,
            $"{list.Count} appointments {from}..{to}", cancellationToken);
        return list;
    }
}
