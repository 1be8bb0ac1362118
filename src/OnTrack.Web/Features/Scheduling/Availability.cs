using Microsoft.EntityFrameworkCore;
using NodaTime;
using OnTrack.Domain.Scheduling;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;
using OnTrack.Web.Features.Staff;

namespace OnTrack.Web.Features.Scheduling;

/// <summary>
/// Loads what <see cref="SlotFinder"/> needs for some therapists over a period, in a fixed number of
/// queries. Busy times are read past the caller filter: a client must not see other clients'
/// appointments, but their times do block slots (only the intervals leave this class).
/// </summary>
public sealed class Availability(OnTrackDbContext db)
{
    /// <summary>How far apart offered start times are.</summary>
    public static readonly Duration Step = Duration.FromMinutes(30);

    /// <summary>The least notice a client may book with online; staff can book closer.</summary>
    public static readonly Duration MinimumNotice = Duration.FromHours(2);

    /// <summary>How far ahead sessions can be booked.</summary>
    public static readonly Duration Horizon = Duration.FromDays(730);

    public static Problem? OutsideHorizon(Instant start, Instant now) =>
        start > now + Horizon ? Problem.Invalid("Sessions can be booked up to two years ahead.") : null;

    public async Task<Dictionary<Guid, SlotQuery>> LoadAsync(
        Clinic clinic, IReadOnlyCollection<Therapist> therapists, Duration length, LocalDate from, LocalDate to,
        Instant notBefore, Guid? ignoreAppointment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(therapists);
        var zone = clinic.Zone;
        var ids = therapists.Select(t => t.Id).ToList();
        var fromInstant = from.AtStartOfDayInZone(zone).ToInstant() - Duration.FromHours(2);
        var toInstant = to.PlusDays(1).AtStartOfDayInZone(zone).ToInstant() + Duration.FromHours(2);

        var hours = await db.WorkingHours.AsNoTracking().Where(w => ids.Contains(w.TherapistId)).ToListAsync(cancellationToken);
        var exceptions = await db.TimeExceptions.AsNoTracking()
            .Where(e => ids.Contains(e.TherapistId) && e.Date >= from && e.Date <= to).ToListAsync(cancellationToken);
        var busy = await db.Appointments.Unfiltered(Bypass.BusyTimes).AsNoTracking()
            .Where(a => ids.Contains(a.TherapistId) && a.Status < AppointmentStatus.Cancelled
                        && a.Start < toInstant && a.BlockedUntil > fromInstant && a.Id != ignoreAppointment)
            .Select(a => new { a.TherapistId, a.Start, a.BlockedUntil }).ToListAsync(cancellationToken);

        var opening = clinic.OpeningHours.Select(o => new WeeklyWindow(o.Day, o.Start, o.End)).ToList();
        return therapists.ToDictionary(t => t.Id, t => new SlotQuery(
            zone, from, to, length, Duration.FromMinutes(t.BufferMinutes), Step, notBefore,
            hours.Where(h => h.TherapistId == t.Id).Select(h => new WeeklyWindow(h.Day, h.Start, h.End)).ToList(),
            opening,
            exceptions.Where(e => e.TherapistId == t.Id).Select(e => new AvailabilityException(e.Date, e.Kind, e.Start, e.End)).ToList(),
            busy.Where(b => b.TherapistId == t.Id).Select(b => new TimeRange(b.Start, b.BlockedUntil)).ToList()));
    }
}
