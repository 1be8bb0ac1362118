using NodaTime;

namespace OnTrack.Domain.Lifestyle;

/// <summary>One Monday-based week of lifestyle logs and sleep-diary nights.</summary>
/// <param name="WeekStart">The Monday.</param>
/// <param name="DaysLogged">Days with a log.</param>
/// <param name="MeanMood">Mean mood over the days that give one; null when none does.</param>
/// <param name="MeanSleepHours">Mean logged sleep, in hours.</param>
/// <param name="MeanSleepQuality">Mean logged sleep quality.</param>
/// <param name="MeanEatingQuality">Mean eating quality.</param>
/// <param name="ActivityMinutes">Total minutes of activity.</param>
/// <param name="ActiveDays">Days with at least one minute of activity.</param>
/// <param name="RegularMealDays">Days with regular meals.</param>
/// <param name="RelaxationMinutes">Total minutes of relaxation.</param>
/// <param name="DiaryNights">Sleep-diary nights whose diary date falls in the week.</param>
/// <param name="MeanTotalSleepHours">Mean diary total sleep time, in hours.</param>
/// <param name="MeanSleepEfficiency">Mean diary sleep efficiency, in per cent.</param>
/// <param name="MeanSleepOnsetMinutes">Mean diary sleep-onset latency.</param>
/// <param name="MeanWakeAfterSleepOnsetMinutes">Mean diary wake after sleep onset.</param>
public sealed record LifestyleWeek(
    LocalDate WeekStart,
    int DaysLogged,
    decimal? MeanMood,
    decimal? MeanSleepHours,
    decimal? MeanSleepQuality,
    decimal? MeanEatingQuality,
    int ActivityMinutes,
    int ActiveDays,
    int RegularMealDays,
    int RelaxationMinutes,
    int DiaryNights,
    decimal? MeanTotalSleepHours,
    decimal? MeanSleepEfficiency,
    decimal? MeanSleepOnsetMinutes,
    decimal? MeanWakeAfterSleepOnsetMinutes);

/// <summary>Weekly summaries of the between-session logs, for the client's and the therapist's charts.</summary>
public static class LifestyleWeeks
{
    /// <summary>
    /// Every Monday-based week overlapping [<paramref name="from"/>, <paramref name="to"/>], in order, empty weeks
    /// included (DaysLogged 0, means null). Only days and diary dates within [from, to] count; one log and one
    /// night per date (when a date appears twice, the later one wins). Means are over the days that have the value,
    /// rounded to 2 decimals, midpoint away from zero.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="from"/> is after <paramref name="to"/>.</exception>
    public static IReadOnlyList<LifestyleWeek> Summarize(IEnumerable<DayLog> days, IEnumerable<SleepDiaryNight> nights, LocalDate from, LocalDate to)
    {
        var weeks = LifestyleCalendar.Weeks(from, to).ToList();
        var logs = LifestyleCalendar.ByDate(days, d => d.Date, from, to).Values.ToLookup(d => LifestyleCalendar.WeekStart(d.Date));
        var diary = LifestyleCalendar.ByDate(nights, n => n.Date, from, to).Values.ToLookup(n => LifestyleCalendar.WeekStart(n.Date));

        return weeks.Select(monday =>
        {
            var w = logs[monday].ToList();
            var n = diary[monday].ToList();
            return new LifestyleWeek(
                monday,
                w.Count,
                Mean(w.Select(d => d.Mood)),
                Mean(w.Select(d => d.SleepMinutes), 60),
                Mean(w.Select(d => d.SleepQuality)),
                Mean(w.Select(d => d.EatingQuality)),
                w.Sum(d => d.ActivityMinutes ?? 0),
                w.Count(d => d.ActivityMinutes >= 1),
                w.Count(d => d.Meals == Meals.Regular),
                w.Sum(d => d.RelaxationMinutes ?? 0),
                n.Count,
                Mean(n.Select(x => (int?)x.TotalSleepMinutes), 60),
                Mean(n.Select(x => (decimal?)x.SleepEfficiency)),
                Mean(n.Select(x => (int?)x.SleepOnsetLatencyMinutes)),
                Mean(n.Select(x => (int?)x.WakeAfterSleepOnsetMinutes)));
        }).ToList();
    }

    private static decimal? Mean(IEnumerable<int?> values, int divisor = 1) =>
        Mean(values.Select(v => (decimal?)v), divisor);

    private static decimal? Mean(IEnumerable<decimal?> values, int divisor = 1)
    {
        decimal sum = 0;
        var count = 0;
        foreach (var v in values)
        {
            if (v is { } x)
            {
                sum += x;
                count++;
            }
        }

        return count == 0 ? null : LifestyleCalendar.Round(sum / (count * (decimal)divisor));
    }
}
