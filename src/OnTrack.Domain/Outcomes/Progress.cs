using OnTrack.Domain.Measures;

namespace OnTrack.Domain.Outcomes;

/// <summary>Reliable change from baseline (Jacobson &amp; Truax 1991), in the direction that matters for the measure.</summary>
public enum ChangeCategory
{
    /// <summary>Fewer than two valid scores, or the instrument has no reliable-change figure.</summary>
    Unknown,
    Improved,
    NoReliableChange,
    Deteriorated,
}

/// <summary>One valid score in a client's course.</summary>
public readonly record struct ScorePoint(long At, decimal Score);

/// <summary>A client's course on one measure: where they started, where they are, and what the change means.</summary>
public sealed record Progress(
    string InstrumentId,
    int Scores,
    decimal? Baseline,
    decimal? Latest,
    decimal? Change,
    ChangeCategory Category,
    bool? BaselineCase,
    bool? LatestCase,
    bool Recovered,
    bool ReliablyRecovered,
    string? Band)
{
    /// <summary>
    /// Baseline is the first valid score, latest the last. "Recovered" follows NHS Talking Therapies: a case
    /// at baseline and not a case now; "reliably recovered" adds a reliable improvement (which is
    /// Jacobson &amp; Truax's "recovered": reliable change and crossing the cutoff).
    /// </summary>
    public static Progress Of(Instrument instrument, IReadOnlyList<ScorePoint> course)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(course);
        if (course.Count == 0)
        {
            return new Progress(instrument.Id, 0, null, null, null, ChangeCategory.Unknown, null, null, false, false, null);
        }

        var baseline = course[0].Score;
        var latest = course[^1].Score;
        var category = course.Count < 2 ? ChangeCategory.Unknown : Categorise(instrument, baseline, latest);
        var baselineCase = Scorer.IsCase(instrument, baseline);
        var latestCase = Scorer.IsCase(instrument, latest);
        var recovered = course.Count >= 2 && baselineCase == true && latestCase == false;
        return new Progress(instrument.Id, course.Count, baseline, latest, latest - baseline, category, baselineCase, latestCase,
            recovered, recovered && category == ChangeCategory.Improved, instrument.BandOf(latest));
    }

    /// <summary>
    /// Improved or deteriorated when the change in the better or worse direction is at least the
    /// instrument's reliable-change threshold (a published figure such as "6 or more points" on the
    /// PHQ-9, or 1.96 · S_diff from the SD and reliability).
    /// </summary>
    public static ChangeCategory Categorise(Instrument instrument, decimal from, decimal to)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (instrument.ReliableChange is not { } rc)
        {
            return ChangeCategory.Unknown;
        }

        var better = instrument.Direction == ScoreDirection.HigherIsWorse ? from - to : to - from;
        var threshold = rc.Threshold;
        return better >= threshold ? ChangeCategory.Improved
            : -better >= threshold ? ChangeCategory.Deteriorated
            : ChangeCategory.NoReliableChange;
    }
}
