using NodaTime;

namespace OnTrack.Domain.Lifestyle;

/// <summary>How regular the day's meals were.</summary>
public enum Meals
{
    /// <summary>No regular meals.</summary>
    No = 0,

    /// <summary>Some meals at regular times.</summary>
    Partly = 1,

    /// <summary>Meals at regular times.</summary>
    Regular = 2,
}

/// <summary>One day's lifestyle log; every answer may be left out.</summary>
/// <param name="Date">The day logged.</param>
/// <param name="Mood">The day's mood on the app's scale.</param>
/// <param name="SleepMinutes">Last night's sleep, i.e. the night before <paramref name="Date"/>.</param>
/// <param name="SleepQuality">Last night's sleep quality.</param>
/// <param name="ActivityMinutes">Minutes of physical activity.</param>
/// <param name="Meals">How regular the meals were.</param>
/// <param name="EatingQuality">How well the client ate.</param>
/// <param name="RelaxationMinutes">Minutes of relaxation practice.</param>
public sealed record DayLog(
    LocalDate Date,
    int? Mood,
    int? SleepMinutes,
    int? SleepQuality,
    int? ActivityMinutes,
    Meals? Meals,
    int? EatingQuality,
    int? RelaxationMinutes);

/// <summary>Monday-based weeks and the de-duplication shared by the lifestyle summaries.</summary>
internal static class LifestyleCalendar
{
    /// <summary>The Monday of the week holding <paramref name="date"/>.</summary>
    public static LocalDate WeekStart(LocalDate date) => date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));

    /// <summary>Every Monday whose week overlaps [from, to], in order.</summary>
    public static IEnumerable<LocalDate> Weeks(LocalDate from, LocalDate to)
    {
        if (from > to)
        {
            throw new ArgumentException($"The period starts ({from:uuuu-MM-dd}) after it ends ({to:uuuu-MM-dd}).", nameof(from));
        }

        for (var monday = WeekStart(from); monday <= to; monday = monday.PlusWeeks(1))
        {
            yield return monday;
        }
    }

    /// <summary>One item per date within [from, to]; when a date appears twice, the later item in the sequence wins.</summary>
    public static Dictionary<LocalDate, T> ByDate<T>(IEnumerable<T> items, Func<T, LocalDate> date, LocalDate from, LocalDate to)
    {
        ArgumentNullException.ThrowIfNull(items);
        var byDate = new Dictionary<LocalDate, T>();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item);
            var d = date(item);
            if (d >= from && d <= to)
            {
                byDate[d] = item;
            }
        }

        return byDate;
    }

    /// <summary>Rounds to <paramref name="decimals"/> places, midpoint away from zero.</summary>
    public static decimal Round(decimal value, int decimals = 2) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
