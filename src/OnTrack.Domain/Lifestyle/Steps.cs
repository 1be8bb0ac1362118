using System.Globalization;
using NodaTime;

namespace OnTrack.Domain.Lifestyle;

/// <summary>What a lifestyle step asks for.</summary>
public enum StepKind
{
    /// <summary>In bed by a time, checked from the sleep diary.</summary>
    BedBy = 0,

    /// <summary>At least so many minutes of sleep.</summary>
    SleepAtLeast = 1,

    /// <summary>At least so many minutes of activity.</summary>
    ActivityAtLeast = 2,

    /// <summary>At least so many minutes of relaxation.</summary>
    RelaxationAtLeast = 3,

    /// <summary>Regular meals.</summary>
    RegularMeals = 4,
}

/// <summary>A lifestyle step agreed between client and therapist.</summary>
/// <param name="Kind">What the step asks for.</param>
/// <param name="Minutes">The least minutes (sleep too is in minutes); null for BedBy and RegularMeals.</param>
/// <param name="Time">The time to be in bed by; only for BedBy. A time before 12:00 is after midnight.</param>
/// <param name="Days">The days the step is for (for BedBy: the evenings); null when <paramref name="TimesPerWeek"/> is used.</param>
/// <param name="TimesPerWeek">How many days a week, any days; null when <paramref name="Days"/> is used.</param>
public sealed record StepRule(StepKind Kind, int? Minutes, LocalTime? Time, IReadOnlySet<IsoDayOfWeek>? Days, int? TimesPerWeek)
{
    private static readonly LocalTime Noon = new(12, 0);

    /// <summary>
    /// The step in plain words, e.g. "In bed by 23:30 on Sunday to Thursday nights" or "At least 20 minutes of
    /// activity, 3 times a week". Call only on a valid rule (<see cref="Problem"/> null).
    /// </summary>
    /// <exception cref="InvalidOperationException">The rule is not valid.</exception>
    public string Describe()
    {
        if (Problem(this) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var what = Kind switch
        {
            StepKind.BedBy => $"In bed by {Time!.Value.ToString("HH:mm", CultureInfo.InvariantCulture)}",
            StepKind.SleepAtLeast => $"At least {Amount(Minutes!.Value)} of sleep",
            StepKind.ActivityAtLeast => $"At least {Amount(Minutes!.Value)} of activity",
            StepKind.RelaxationAtLeast => $"At least {Amount(Minutes!.Value)} of relaxation",
            _ => "Regular meals",
        };

        var nights = Kind == StepKind.BedBy;
        if (TimesPerWeek is { } times)
        {
            return times == 7
                ? $"{what}, every {(nights ? "night" : "day")}"
                : nights
                    ? $"{what} on {times} {(times == 1 ? "night" : "nights")} a week"
                    : $"{what}, {Times(times)} a week";
        }

        if (Days!.Count == 7)
        {
            return $"{what}, every {(nights ? "night" : "day")}";
        }

        return Kind switch
        {
            StepKind.BedBy => $"{what} on {DayList(Days)} nights",
            StepKind.SleepAtLeast => $"{what} on the nights before {DayList(Days)}",
            _ => $"{what} on {DayList(Days)}",
        };
    }

    /// <summary>Null when the rule is valid; else what is wrong, in plain words.</summary>
    public static string? Problem(StepRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!Enum.IsDefined(rule.Kind))
        {
            return "Please choose what kind of step this is.";
        }

        switch (rule.Kind)
        {
            case StepKind.BedBy:
                if (rule.Time is null)
                {
                    return "Please give the time to be in bed by.";
                }

                if (rule.Minutes is not null)
                {
                    return "A bed-time step takes a time, not a number of minutes.";
                }

                break;
            case StepKind.RegularMeals:
                if (rule.Minutes is not null || rule.Time is not null)
                {
                    return "A regular-meals step takes neither a number of minutes nor a time.";
                }

                break;
            default:
                if (rule.Minutes is null)
                {
                    return "Please give the number of minutes.";
                }

                if (rule.Minutes is < 1 or > 1440)
                {
                    return "The number of minutes must be from 1 to 1440 (a whole day).";
                }

                if (rule.Time is not null)
                {
                    return "This step takes a number of minutes, not a time.";
                }

                break;
        }

        if (rule.Days is not null && rule.TimesPerWeek is not null)
        {
            return "Please choose either particular days or a number of times a week, not both.";
        }

        if (rule.Days is null && rule.TimesPerWeek is null)
        {
            return "Please choose the days, or how many times a week.";
        }

        if (rule.Days is { } days)
        {
            if (days.Count == 0)
            {
                return "Please choose at least one day.";
            }

            if (days.Any(d => d is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday))
            {
                return "Please choose days from Monday to Sunday.";
            }
        }

        if (rule.TimesPerWeek is < 1 or > 7)
        {
            return "The number of times a week must be from 1 to 7.";
        }

        return null;
    }

    /// <summary>The latest moment that meets a BedBy rule on <paramref name="evening"/>: a time before 12:00 is after midnight.</summary>
    internal LocalDateTime BedDeadline(LocalDate evening) =>
        Time!.Value >= Noon ? evening.At(Time.Value) : evening.PlusDays(1).At(Time.Value);

    private static string Amount(int minutes)
    {
        var hours = minutes / 60;
        var rest = minutes % 60;
        var h = hours == 1 ? "1 hour" : $"{hours} hours";
        var m = rest == 1 ? "1 minute" : $"{rest} minutes";
        return hours == 0 ? m : rest == 0 ? h : $"{h} {m}";
    }

    private static string Times(int times) => times switch
    {
        1 => "once",
        2 => "twice",
        _ => $"{times} times",
    };

    /// <summary>
    /// Days in week order, runs of three or more as "X to Y"; a run across the weekend starts on its first day
    /// (Sunday to Thursday, not Monday to Thursday and Sunday).
    /// </summary>
    private static string DayList(IReadOnlySet<IsoDayOfWeek> days)
    {
        static IsoDayOfWeek Next(IsoDayOfWeek d) => d == IsoDayOfWeek.Sunday ? IsoDayOfWeek.Monday : d + 1;
        static IsoDayOfWeek Previous(IsoDayOfWeek d) => d == IsoDayOfWeek.Monday ? IsoDayOfWeek.Sunday : d - 1;

        var start = IsoDayOfWeek.Monday;
        while (days.Contains(start) && days.Contains(Previous(start)))
        {
            start = Previous(start);
        }

        var items = new List<string>();
        var run = new List<IsoDayOfWeek>();
        void Flush()
        {
            if (run.Count >= 3)
            {
                items.Add($"{run[0]} to {run[^1]}");
            }
            else
            {
                items.AddRange(run.Select(d => d.ToString()));
            }

            run.Clear();
        }

        var day = start;
        for (var i = 0; i < 7; i++, day = Next(day))
        {
            if (days.Contains(day))
            {
                run.Add(day);
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
    }
}

/// <summary>How a step went in one Monday-based week.</summary>
/// <param name="WeekStart">The Monday.</param>
/// <param name="DaysMet">Asked days on which the step was met.</param>
/// <param name="DaysWithData">Asked days with the data to tell.</param>
/// <param name="DaysAsked">The rule's days in the week within the period (TimesPerWeek: every day, 7 in a full week).</param>
/// <param name="Met">TimesPerWeek: DaysMet ≥ TimesPerWeek; Days: DaysMet = DaysAsked; null when the week has no data.</param>
public sealed record StepWeek(LocalDate WeekStart, int DaysMet, int DaysWithData, int DaysAsked, bool? Met);

/// <summary>Counts a lifestyle step week by week from the client's logs and sleep diary.</summary>
public static class StepProgress
{
    /// <summary>
    /// Every Monday-based week overlapping [<paramref name="from"/>, <paramref name="to"/>], in order. Only days
    /// within [from, to] count. BedBy is checked from sleep-diary nights only: the diary dated D is the evening of
    /// D − 1, and that evening is the day counted (its weekday for Days, its week, its place in the period); met
    /// when in bed at or before the rule's time that evening in <paramref name="zone"/> (a bed time after midnight
    /// is later than 23:30). SleepAtLeast prefers the diary's total sleep time for the day and falls back on the
    /// day log's SleepMinutes. A day without the answer counts as not met.
    /// </summary>
    /// <exception cref="ArgumentException">The rule is not valid, or <paramref name="from"/> is after <paramref name="to"/>.</exception>
    public static IReadOnlyList<StepWeek> Count(StepRule rule, IEnumerable<DayLog> days, IEnumerable<SleepDiaryNight> nights, DateTimeZone zone, LocalDate from, LocalDate to)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(zone);
        if (StepRule.Problem(rule) is { } problem)
        {
            throw new ArgumentException(problem, nameof(rule));
        }

        var weeks = LifestyleCalendar.Weeks(from, to).ToList();
        var logs = LifestyleCalendar.ByDate(days, d => d.Date, from, to);

        // For BedBy the counted day is the evening (diary date − 1); for sleep the diary date is the day.
        var diary = rule.Kind == StepKind.BedBy
            ? LifestyleCalendar.ByDate(nights, n => n.Date.PlusDays(-1), from, to)
            : LifestyleCalendar.ByDate(nights, n => n.Date, from, to);

        bool? MetOn(LocalDate day)
        {
            logs.TryGetValue(day, out var log);
            diary.TryGetValue(day, out var night);
            return rule.Kind switch
            {
                StepKind.BedBy => night is null ? null : night.InBed <= zone.ResolveLocal(rule.BedDeadline(day), SleepDiary.Resolver).ToInstant(),
                StepKind.SleepAtLeast => (night?.TotalSleepMinutes ?? log?.SleepMinutes) is { } sleep ? sleep >= rule.Minutes : null,
                StepKind.ActivityAtLeast => log?.ActivityMinutes is { } activity ? activity >= rule.Minutes : null,
                StepKind.RelaxationAtLeast => log?.RelaxationMinutes is { } relaxation ? relaxation >= rule.Minutes : null,
                _ => log?.Meals is { } meals ? meals == Meals.Regular : null,
            };
        }

        return weeks.Select(monday =>
        {
            int met = 0, withData = 0, asked = 0;
            for (var day = monday; day < monday.PlusWeeks(1); day = day.PlusDays(1))
            {
                if (day < from || day > to || (rule.Days is { } only && !only.Contains(day.DayOfWeek)))
                {
                    continue;
                }

                asked++;
                if (MetOn(day) is { } ok)
                {
                    withData++;
                    met += ok ? 1 : 0;
                }
            }

            bool? weekMet = withData == 0 ? null : rule.TimesPerWeek is { } times ? met >= times : met == asked;
            return new StepWeek(monday, met, withData, asked, weekMet);
        }).ToList();
    }
}
