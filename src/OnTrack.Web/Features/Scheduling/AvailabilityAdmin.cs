using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using OnTrack.Domain.Scheduling;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Features.Staff;
using OnTrack.Web.Security;

namespace OnTrack.Web.Features.Scheduling;

public sealed class WeeklyHoursForm
{
    public int BufferMinutes { get; set; }

    /// <summary>Keyed by day name ("Monday"): form binding does not map enum keys.</summary>
    public Dictionary<string, string> Starts { get; set; } = [];

    public Dictionary<string, string> Ends { get; set; } = [];
}

public sealed class ExceptionForm
{
    [Validation.Text("The date", 10)]
    public string? Date { get; set; }

    public ExceptionKind Kind { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }

    [Validation.Text("The note", 500)]
    public string? Note { get; set; }
}

/// <summary>Therapists manage their own hours; admins anyone's. One window per weekday, plus dated exceptions.</summary>
public sealed class AvailabilityAdmin(OnTrackDbContext db, Caller caller, IClock clock)
{
    private static readonly LocalTimePattern Hm = TimeText.HoursAndMinutes;

    public async Task<Therapist?> LoadAsync(Guid? therapistId, CancellationToken cancellationToken)
    {
        var id = caller.IsAdmin ? therapistId ?? caller.TherapistId : caller.TherapistId;
        if (id is null || (!caller.IsAdmin && id != caller.TherapistId))
        {
            return null;
        }

        return await db.Therapists.Include(t => t.WorkingHours).Include(t => t.Exceptions)
            .AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
    }

    public static WeeklyHoursForm ToForm(Therapist therapist)
    {
        ArgumentNullException.ThrowIfNull(therapist);
        var form = new WeeklyHoursForm { BufferMinutes = therapist.BufferMinutes };
        foreach (var h in therapist.WorkingHours.OrderBy(h => h.Start))
        {
            form.Starts.TryAdd(h.Day.ToString(), Hm.Format(h.Start));
            form.Ends.TryAdd(h.Day.ToString(), Hm.Format(h.End));
        }

        return form;
    }

    public async Task<Problem?> SaveWeeklyAsync(Guid therapistId, WeeklyHoursForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var therapist = await TrackedAsync(therapistId, cancellationToken);
        if (therapist is null)
        {
            return Problem.NotFound("The therapist");
        }

        if (form.BufferMinutes is < 0 or > 60)
        {
            return Problem.BadRequest("The buffer between sessions is 0 to 60 minutes.");
        }

        var hours = new List<WorkingHours>();
        foreach (var day in Clinics.ClinicSettings.Week)
        {
            var start = form.Starts?.GetValueOrDefault(day.ToString())?.Trim() ?? "";
            var end = form.Ends?.GetValueOrDefault(day.ToString())?.Trim() ?? "";
            if (start.Length == 0 && end.Length == 0)
            {
                continue;
            }

            var s = Hm.Parse(start);
            var e = Hm.Parse(end);
            if (!s.Success || !e.Success || e.Value <= s.Value)
            {
                return Problem.BadRequest($"{day}: give start and end like 09:00 and 17:00, end after start, or leave both empty for a day off.");
            }

            hours.Add(new WorkingHours { ClinicId = therapist.ClinicId, TherapistId = therapist.Id, Day = day, Start = s.Value, End = e.Value });
        }

        db.WorkingHours.RemoveRange(therapist.WorkingHours);
        db.WorkingHours.AddRange(hours);
        therapist.BufferMinutes = form.BufferMinutes;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Adds an exception; returns how many booked sessions fall in new time off, so staff can move them.</summary>
    public async Task<Result<int>> AddExceptionAsync(Guid therapistId, ExceptionForm form, DateTimeZone zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(zone);
        var therapist = await TrackedAsync(therapistId, cancellationToken);
        if (therapist is null)
        {
            return Problem.NotFound("The therapist");
        }

        if (Validation.InputRules.Check(form) is { } invalid)
        {
            return invalid;
        }

        var date = LocalDatePattern.Iso.Parse(form.Date?.Trim() ?? "");
        if (!date.Success)
        {
            return Problem.BadRequest("Give the date like 2026-12-24.");
        }

        var today = clock.GetCurrentInstant().InZone(zone).Date;
        if (date.Value < today.PlusYears(-1) || date.Value > today.PlusYears(5))
        {
            return Problem.BadRequest($"Give a date between {today.PlusYears(-1):uuuu'-'MM'-'dd} and {today.PlusYears(5):uuuu'-'MM'-'dd}.");
        }

        LocalTime? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(form.Start) || !string.IsNullOrWhiteSpace(form.End))
        {
            var s = Hm.Parse(form.Start ?? "");
            var e = Hm.Parse(form.End ?? "");
            if (!s.Success || !e.Success || e.Value <= s.Value)
            {
                return Problem.BadRequest("Give start and end like 13:00 and 17:00, end after start; leave both empty for a whole day off.");
            }

            (start, end) = (s.Value, e.Value);
        }

        if (form.Kind == ExceptionKind.ExtraHours && start is null)
        {
            return Problem.BadRequest("Extra hours need a start and an end time.");
        }

        db.TimeExceptions.Add(new TimeException
        {
            ClinicId = therapist.ClinicId,
            TherapistId = therapist.Id,
            Date = date.Value,
            Kind = form.Kind,
            Start = start,
            End = end,
            Note = form.Note?.Trim() ?? "",
        });
        await db.SaveChangesAsync(cancellationToken);

        if (form.Kind != ExceptionKind.TimeOff)
        {
            return 0;
        }

        var from = (date.Value + (start ?? LocalTime.Midnight)).InZoneLeniently(zone).ToInstant();
        var to = end is { } e2 ? (date.Value + e2).InZoneLeniently(zone).ToInstant() : date.Value.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        return await db.Appointments.Unfiltered(Bypass.BusyTimes)
            .CountAsync(a => a.TherapistId == therapist.Id && a.Status == AppointmentStatus.Booked && a.Start < to && a.End > from, cancellationToken);
    }

    public async Task<Problem?> RemoveExceptionAsync(Guid therapistId, Guid exceptionId, CancellationToken cancellationToken)
    {
        var therapist = await TrackedAsync(therapistId, cancellationToken);
        var exception = therapist?.Exceptions.FirstOrDefault(e => e.Id == exceptionId);
        if (exception is null)
        {
            return Problem.NotFound("The exception");
        }

        db.TimeExceptions.Remove(exception);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private async Task<Therapist?> TrackedAsync(Guid therapistId, CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin && caller.TherapistId != therapistId)
        {
            return null;
        }

        return await db.Therapists.Include(t => t.WorkingHours).Include(t => t.Exceptions).SingleOrDefaultAsync(t => t.Id == therapistId, cancellationToken);
    }
}
