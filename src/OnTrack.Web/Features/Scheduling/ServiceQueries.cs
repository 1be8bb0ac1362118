using Microsoft.EntityFrameworkCore;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Staff;

namespace OnTrack.Web.Features.Scheduling;

/// <summary>What the booking, schedule and admin pages list: the clinic's services and who offers them.</summary>
public sealed class ServiceQueries(OnTrackDbContext db)
{
    /// <summary>Services clients can book now, individual formats first.</summary>
    public Task<List<Service>> BookableAsync(CancellationToken cancellationToken) =>
        db.Services.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Format).ThenBy(s => s.Name).ToListAsync(cancellationToken);

    /// <summary>Every service, active or not, with its therapists (the admin's list).</summary>
    public Task<List<Service>> AllWithTherapistsAsync(CancellationToken cancellationToken) =>
        db.Services.AsNoTracking().Include(s => s.Therapists).OrderBy(s => s.Format).ThenBy(s => s.Name).ToListAsync(cancellationToken);

    /// <summary>Active group services (a therapist schedules a session of one).</summary>
    public Task<List<Service>> GroupsAsync(CancellationToken cancellationToken) =>
        db.Services.AsNoTracking().Where(s => s.Active && s.Format == SessionFormat.Group).OrderBy(s => s.Name).ToListAsync(cancellationToken);

    /// <summary>The clinic's therapists by name; with <paramref name="activeOnly"/> those still working.</summary>
    public Task<List<Therapist>> TherapistsAsync(bool activeOnly, CancellationToken cancellationToken) =>
        db.Therapists.AsNoTracking().Where(t => !activeOnly || t.Active).OrderBy(t => t.DisplayName).ToListAsync(cancellationToken);

    /// <summary>The active therapists who offer one service.</summary>
    public Task<List<Therapist>> OfferingAsync(Guid serviceId, CancellationToken cancellationToken) =>
        db.Therapists.AsNoTracking()
            .Where(t => t.Active && db.ServiceTherapists.Any(st => st.ServiceId == serviceId && st.TherapistId == t.Id))
            .OrderBy(t => t.DisplayName).ToListAsync(cancellationToken);
}
