using NodaTime;

namespace OnTrack.Domain.Scheduling;

/// <summary>
/// Computes the local windows in which a therapist can see clients on one date: their weekly hours,
/// cut to the clinic's opening hours, plus one-off extra hours, minus time off.
/// </summary>
public static class WorkingDay
{
    public static IReadOnlyList<LocalWindow> Windows(
        LocalDate date,
        IEnumerable<WeeklyWindow> therapistHours,
        IEnumerable<WeeklyWindow> clinicOpeningHours,
        IEnumerable<AvailabilityException> exceptions)
    {
        var exceptionsToday = exceptions.Where(e => e.Date == date).ToList();
        var opening = clinicOpeningHours.Where(w => w.Day == date.DayOfWeek && w.IsValid)
            .Select(w => (w.Start, w.End)).ToList();

        var windows = new List<(LocalTime Start, LocalTime End)>();
        foreach (var hours in therapistHours.Where(w => w.Day == date.DayOfWeek && w.IsValid))
        {
            foreach (var open in opening)
            {
                var start = Max(hours.Start, open.Start);
                var end = Min(hours.End, open.End);
                if (end > start)
                {
                    windows.Add((start, end));
                }
            }
        }

        // Extra hours are a deliberate decision by the therapist and may lie outside opening hours
        // (an early session before the office opens), so they are not cut.
        foreach (var extra in exceptionsToday.Where(e => e.Kind == ExceptionKind.ExtraHours && e.Start is not null && e.End is not null))
        {
            if (extra.End!.Value > extra.Start!.Value)
            {
                windows.Add((extra.Start.Value, extra.End.Value));
            }
        }

        var merged = Merge(windows);
        foreach (var off in exceptionsToday.Where(e => e.Kind == ExceptionKind.TimeOff))
        {
            if (off.Start is null || off.End is null)
            {
                return [];
            }

            merged = Subtract(merged, (off.Start.Value, off.End.Value));
        }

        return merged.Select(w => new LocalWindow(date + w.Start, date + w.End)).ToList();
    }

    private static List<(LocalTime Start, LocalTime End)> Merge(List<(LocalTime Start, LocalTime End)> windows)
    {
        var result = new List<(LocalTime Start, LocalTime End)>();
        foreach (var w in windows.OrderBy(w => w.Start))
        {
            if (result.Count > 0 && w.Start <= result[^1].End)
            {
                result[^1] = (result[^1].Start, Max(result[^1].End, w.End));
            }
            else
            {
                result.Add(w);
            }
        }

        return result;
    }

    private static List<(LocalTime Start, LocalTime End)> Subtract(
        List<(LocalTime Start, LocalTime End)> windows, (LocalTime Start, LocalTime End) cut)
    {
        var result = new List<(LocalTime Start, LocalTime End)>();
        foreach (var w in windows)
        {
            if (cut.End <= w.Start || cut.Start >= w.End)
            {
                result.Add(w);
                continue;
            }

            if (cut.Start > w.Start)
            {
                result.Add((w.Start, cut.Start));
            }

            if (cut.End < w.End)
            {
                result.Add((cut.End, w.End));
            }
        }

        return result;
    }

    private static LocalTime Max(LocalTime a, LocalTime b) => a > b ? a : b;

    private static LocalTime Min(LocalTime a, LocalTime b) => a < b ? a : b;
}
