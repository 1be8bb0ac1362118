using MathNet.Numerics.Distributions;

namespace OnTrack.Domain.Lifestyle;

/// <summary>
/// How one group of days compares with another: an association seen in the client's own logs, never a cause.
/// </summary>
/// <param name="Id">A stable key for the comparison (for the API).</param>
/// <param name="Question">The comparison in plain words.</param>
/// <param name="GroupA">The first group of days, in plain words.</param>
/// <param name="GroupB">The second group of days, in plain words.</param>
/// <param name="DaysA">Days in the first group.</param>
/// <param name="DaysB">Days in the second group.</param>
/// <param name="MeanA">Mean of the first group; null when not shown.</param>
/// <param name="MeanB">Mean of the second group; null when not shown.</param>
/// <param name="Difference">MeanA − MeanB; null when not shown.</param>
/// <param name="Lower">Lower end of the 95 % interval of the difference; null when not shown.</param>
/// <param name="Upper">Upper end of the 95 % interval of the difference; null when not shown.</param>
/// <param name="Shown">True when both groups have at least <see cref="LifestyleAssociations.MinimumDaysEachSide"/> days.</param>
public sealed record Association(
    string Id,
    string Question,
    string GroupA,
    string GroupB,
    int DaysA,
    int DaysB,
    decimal? MeanA,
    decimal? MeanB,
    decimal? Difference,
    decimal? Lower,
    decimal? Upper,
    bool Shown);

/// <summary>A Welch two-sample comparison, unrounded.</summary>
/// <param name="MeanA">Mean of a.</param>
/// <param name="MeanB">Mean of b.</param>
/// <param name="Difference">mean(a) − mean(b).</param>
/// <param name="StandardError">√(s²a/na + s²b/nb).</param>
/// <param name="DegreesOfFreedom">Welch–Satterthwaite degrees of freedom; NaN when neither side varies.</param>
/// <param name="Lower">Lower end of the interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
public sealed record WelchComparison(
    double MeanA,
    double MeanB,
    double Difference,
    double StandardError,
    double DegreesOfFreedom,
    double Lower,
    double Upper);

/// <summary>
/// Compares the client's mood on different kinds of days. Shown only with enough days on each side, and worded
/// as associations: the days were not assigned, so a difference says nothing about what caused what.
/// </summary>
public static class LifestyleAssociations
{
    /// <summary>
    /// Two weeks of days on each side before a comparison is shown: below that, one unusual day moves the mean
    /// too far, and the interval is wide enough to mislead rather than inform. A house choice, not a published
    /// threshold.
    /// </summary>
    public const int MinimumDaysEachSide = 14;

    /// <summary>Seven hours: the least sleep recommended for adults (Watson et al. 2015, Sleep 38(6):843–844).</summary>
    public const int LongNightMinutes = 7 * 60;

    /// <summary>
    /// Under six hours: a house choice that leaves an hour's gap below the 7-hour recommendation, so nights of
    /// nearly enough sleep do not blur the two groups.
    /// </summary>
    public const int ShortNightMinutes = 6 * 60;

    /// <summary>Twenty minutes of activity: a house choice for a day that counts as active in the comparison.</summary>
    public const int ActiveDayMinutes = 20;

    /// <summary>
    /// Welch two-sample comparison: Difference = mean(a) − mean(b); 95 % interval with the Welch–Satterthwaite
    /// degrees of freedom and the Student t quantile (the same as R's default <c>t.test(a, b)</c>). Shown false,
    /// and the figures null, when either side has fewer than <see cref="MinimumDaysEachSide"/> values. Figures are
    /// rounded to 2 decimals, midpoint away from zero.
    /// </summary>
    /// <exception cref="ArgumentException">A value is not a finite number.</exception>
    public static Association Compare(string id, string question, string groupA, string groupB, IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count < MinimumDaysEachSide || b.Count < MinimumDaysEachSide)
        {
            CheckFinite(a, nameof(a));
            CheckFinite(b, nameof(b));
            return new Association(id, question, groupA, groupB, a.Count, b.Count, null, null, null, null, null, false);
        }

        var w = Welch(a, b);
        return new Association(
            id, question, groupA, groupB, a.Count, b.Count,
            Round(w.MeanA), Round(w.MeanB), Round(w.Difference), Round(w.Lower), Round(w.Upper), true);
    }

    /// <summary>
    /// The unrounded Welch comparison with a 95 % interval. When neither side varies at all the interval is the
    /// difference itself (R's t.test refuses such data; a client's chart should still say "the same every day").
    /// </summary>
    /// <exception cref="ArgumentException">Either side has fewer than 2 values, or a value is not finite.</exception>
    public static WelchComparison Welch(IReadOnlyList<double> a, IReadOnlyList<double> b, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckFinite(a, nameof(a));
        CheckFinite(b, nameof(b));
        if (a.Count < 2 || b.Count < 2)
        {
            throw new ArgumentException("A Welch comparison needs at least 2 values on each side.", a.Count < 2 ? nameof(a) : nameof(b));
        }

        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level is between 0 and 1.");
        }

        var (meanA, varA) = MeanAndVariance(a);
        var (meanB, varB) = MeanAndVariance(b);
        var va = varA / a.Count;
        var vb = varB / b.Count;
        var se = Math.Sqrt(va + vb);
        var difference = meanA - meanB;
        if (se == 0)
        {
            return new WelchComparison(meanA, meanB, difference, 0, double.NaN, difference, difference);
        }

        var df = (va + vb) * (va + vb) / ((va * va / (a.Count - 1)) + (vb * vb / (b.Count - 1)));
        var t = StudentT.InvCDF(0, 1, df, 1 - ((1 - confidence) / 2));
        return new WelchComparison(meanA, meanB, difference, se, df, difference - (t * se), difference + (t * se));
    }

    /// <summary>
    /// The four mood comparisons of issue 13, over the days that log a mood: after a night of at least 7 hours vs
    /// less than 6 (a day's SleepMinutes is last night's); at least 20 minutes of activity vs none; any relaxation
    /// vs none; regular meals vs not regular. Days in between (6–7 hours, 1–19 minutes) or without the answer are
    /// left out. One log per date; when a date appears twice, the later log wins.
    /// </summary>
    public static IReadOnlyList<Association> Of(IReadOnlyList<DayLog> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var byDate = new Dictionary<NodaTime.LocalDate, DayLog>();
        foreach (var day in days)
        {
            ArgumentNullException.ThrowIfNull(day);
            byDate[day.Date] = day;
        }

        var withMood = byDate.Values.Where(d => d.Mood is not null).OrderBy(d => d.Date).ToList();

        Association Mood(string id, string question, string groupA, string groupB, Func<DayLog, bool> inA, Func<DayLog, bool> inB) =>
            Compare(
                id, question, groupA, groupB,
                withMood.Where(inA).Select(d => (double)d.Mood!.Value).ToList(),
                withMood.Where(inB).Select(d => (double)d.Mood!.Value).ToList());

        return
        [
            Mood(
                "sleep",
                "How does your mood compare after longer and shorter nights?",
                "Mood after a night of 7 hours or more",
                "Mood after a night of less than 6 hours",
                d => d.SleepMinutes >= LongNightMinutes,
                d => d.SleepMinutes < ShortNightMinutes),
            Mood(
                "activity",
                "How does your mood compare on days with and without activity?",
                $"Mood on days with {ActiveDayMinutes} minutes of activity or more",
                "Mood on days without activity",
                d => d.ActivityMinutes >= ActiveDayMinutes,
                d => d.ActivityMinutes == 0),
            Mood(
                "relaxation",
                "How does your mood compare on days with and without relaxation?",
                "Mood on days with relaxation",
                "Mood on days without relaxation",
                d => d.RelaxationMinutes > 0,
                d => d.RelaxationMinutes == 0),
            Mood(
                "meals",
                "How does your mood compare on days with and without regular meals?",
                "Mood on days with regular meals",
                "Mood on days without regular meals",
                d => d.Meals == Meals.Regular,
                d => d.Meals is Meals.No or Meals.Partly),
        ];
    }

    private static (double Mean, double Variance) MeanAndVariance(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var squares = values.Sum(v => (v - mean) * (v - mean));
        return (mean, squares / (values.Count - 1));
    }

    private static void CheckFinite(IReadOnlyList<double> values, string name)
    {
        if (values.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Every value must be a finite number.", name);
        }
    }

    private static decimal Round(double value) => LifestyleCalendar.Round((decimal)value);
}
