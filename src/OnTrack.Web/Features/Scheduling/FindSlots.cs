using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using OnTrack.Domain.Scheduling;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clinics;

namespace OnTrack.Web.Features.Scheduling;

/// <summary>Free session times for a service, with one therapist or any suitable therapist.</summary>
public sealed class FindSlots(OnTrackDbContext db, CurrentClinic currentClinic, Availability availability, IClock clock)
{
    public const int MaxDays = 31;

    private static readonly LocalDateTimePattern LocalPattern = TimeText.LocalInput;

    public async Task<Result<IReadOnlyList<SlotDto>>> HandleAsync(Guid serviceId, Guid? therapistId, LocalDate? from, int days, CancellationToken cancellationToken)
    {
        var clinic = await currentClinic.GetAsync(cancellationToken: cancellationToken);
        if (clinic is null)
        {
            return Problem.NotFound("The clinic");
        }

        if (days is < 1 or > MaxDays)
        {
            return Problem.BadRequest($"days must be between 1 and {MaxDays}.");
        }

        var service = await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId && s.Active, cancellationToken);
        if (service is null)
        {
            return Problem.Invalid("There is no such service at this clinic.");
        }

        var now = clock.GetCurrentInstant();
        var zone = clinic.Zone;
        var today = now.InZone(zone).Date;
        var start = from is { } f && f > today ? f : today;
        if (start > today.PlusDays(730))
        {
            return Problem.BadRequest("'from' can be at most two years ahead.");
        }

        var end = start.PlusDays(days - 1);

        if (service.Format == SessionFormat.Group)
        {
            return await OpenGroupSessionsAsync(service, therapistId, zone, start, end, now, cancellationToken);
        }

        var therapists = await db.Therapists.AsNoTracking()
            .Where(t => t.Active && db.ServiceTherapists.Any(st => st.ServiceId == service.Id && st.TherapistId == t.Id))
            .Where(t => therapistId == null || t.Id == therapistId)
            .OrderBy(t => t.DisplayName).ToListAsync(cancellationToken);
        if (therapistId is not null && therapists.Count == 0)
        {
            return Problem.Invalid("That therapist does not offer this service.");
        }

        var queries = await availability.LoadAsync(clinic, therapists, Duration.FromMinutes(service.DurationMinutes), start, end,
            now + Availability.MinimumNotice, null, cancellationToken);

        var all = therapists.SelectMany(t => SlotFinder.Find(queries[t.Id]).Select(s => (Slot: s, Therapist: t))).ToList();
        IEnumerable<(Slot Slot, Staff.Therapist Therapist)> chosen = all;
        if (therapistId is null)
        {
            // "Any suitable therapist": one offer per start time, from the therapist with the fewest
            // sessions that week, so that new clients spread across the team.
            var load = all.GroupBy(x => x.Therapist.Id).ToDictionary(g => g.Key, g => g.Count());
            chosen = all.GroupBy(x => x.Slot.Start).Select(g => g.OrderByDescending(x => load[x.Therapist.Id]).ThenBy(x => x.Therapist.DisplayName).First());
        }

        return chosen.OrderBy(x => x.Slot.Start)
            .Select(x => new SlotDto(x.Slot.Start.ToDateTimeOffset(), x.Slot.End.ToDateTimeOffset(), FormatLocal(x.Slot.Start, zone), x.Therapist.Id, x.Therapist.DisplayName))
            .ToList();
    }

    public static string FormatLocal(Instant instant, DateTimeZone zone) => LocalPattern.Format(instant.InZone(zone).LocalDateTime);

    private async Task<Result<IReadOnlyList<SlotDto>>> OpenGroupSessionsAsync(
        Service service, Guid? therapistId, DateTimeZone zone, LocalDate start, LocalDate end, Instant now, CancellationToken cancellationToken)
    {
        var from = start.AtStartOfDayInZone(zone).ToInstant();
        var to = end.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        var sessions = await db.Appointments.Unfiltered(Bypass.BusyTimes).AsNoTracking()
            .Where(a => a.ServiceId == service.Id && a.Status == AppointmentStatus.Booked && a.Start >= from && a.Start < to && a.Start > now)
            .Where(a => therapistId == null || a.TherapistId == therapistId)
            .Select(a => new { a.Id, a.Start, a.End, a.TherapistId, Therapist = a.Therapist!.DisplayName, a.Capacity, Taken = a.Participants.Count(p => p.Status == ParticipantStatus.Booked) })
            .OrderBy(a => a.Start).ToListAsync(cancellationToken);
        return sessions.Where(s => s.Taken < s.Capacity)
            .Select(s => new SlotDto(s.Start.ToDateTimeOffset(), s.End.ToDateTimeOffset(), FormatLocal(s.Start, zone), s.TherapistId, s.Therapist, s.Id, s.Capacity - s.Taken))
            .ToList();
    }
}
