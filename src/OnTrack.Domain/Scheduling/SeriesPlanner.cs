using NodaTime;

namespace OnTrack.Domain.Scheduling;

/// <summary>How often a series of sessions repeats.</summary>
public enum RepeatPattern
{
    /// <summary>A single session.</summary>
    None = 0,

    /// <summary>Every week on the same weekday and local time.</summary>
    Weekly = 1,

    /// <summary>Twice a week: the first session's weekday and one more weekday, at the same local time.</summary>
    TwiceWeekly = 2,
}

/// <summary>One planned session of a series.</summary>
public readonly record struct Occurrence(int Index, LocalDateTime Local, Instant Start, Instant End);

/// <summary>
/// Plans the sessions of a series in the clinic's local time: a weekly 17:00 session stays at 17:00
/// local time across daylight-saving changes, so its instants move by an hour in UTC.
/// </summary>
public static class SeriesPlanner
{
    /// <summary>The most sessions one series may hold (a year of twice-weekly sessions).</summary>
    public const int MaxSessions = 104;

    public static IReadOnlyList<Occurrence> Plan(
        LocalDateTime first,
        DateTimeZone zone,
        Duration length,
        RepeatPattern pattern,
        int count,
        IsoDayOfWeek? secondDay = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (pattern == RepeatPattern.None)
        {
            count = 1;
        }

        if (count < 1 || count > MaxSessions)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A series has 1 to {MaxSessions} sessions.");
        }

        var locals = new List<LocalDateTime>(count);
        switch (pattern)
        {
            case RepeatPattern.None:
            case RepeatPattern.Weekly:
                for (var i = 0; i < count; i++)
                {
                    locals.Add(first.PlusWeeks(i));
                }

                break;
            case RepeatPattern.TwiceWeekly:
                if (secondDay is null || secondDay == first.DayOfWeek)
                {
                    throw new ArgumentException("A twice-weekly series needs a second, different weekday.", nameof(secondDay));
                }

                var offsetDays = ((int)secondDay.Value - (int)first.DayOfWeek + 7) % 7;
                for (var week = 0; locals.Count < count; week++)
                {
                    var weekStart = first.PlusWeeks(week);
                    locals.Add(weekStart);
                    if (locals.Count < count)
                    {
                        locals.Add(weekStart.PlusDays(offsetDays));
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Unknown repeat pattern.");
        }

        return locals.Select((local, i) =>
        {
            var start = ClinicTime.ToInstantForSeries(local, zone);
            return new Occurrence(i, local, start, start + length);
        }).ToList();
    }
}
