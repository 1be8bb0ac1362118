using OnTrack.Domain.Measures;

namespace OnTrack.Domain.Outcomes;

/// <summary>Why a therapist is being warned. New kinds (such as "not on track" against an expected course) slot in here.</summary>
public enum AlertKind
{
    /// <summary>A risk item was endorsed (PHQ-9 item 9 above 0): high priority, crisis resources shown, escalates.</summary>
    Risk,

    /// <summary>A reliable worsening from baseline on an outcome measure.</summary>
    ReliableDeterioration,

    /// <summary>The client rated the session or relationship below the clinic's level.</summary>
    LowAlliance,

    /// <summary>The client's rating fell by at least the clinic's amount since the last one.</summary>
    FallingAlliance,

    /// <summary>Outside the expected course for clients like them.</summary>
    NotOnTrack,

    /// <summary>The client said therapy is not working for them ("This isn't working for me"), in their words.</summary>
    ClientConcern,
}

public enum AlertPriority
{
    Normal,
    High,
}

/// <summary>A reason to warn the therapist, found in one new result.</summary>
public sealed record AlertSignal(AlertKind Kind, AlertPriority Priority, string InstrumentId, string Summary);

/// <summary>The clinic's alliance alert levels, on the alliance instrument's total.</summary>
/// <param name="LowBelow">A total below this is low.</param>
/// <param name="FallBy">A drop of at least this since the previous rating is a fall.</param>
public sealed record AllianceThresholds(decimal LowBelow, decimal FallBy);

/// <summary>The rules that turn a new result into alerts. Pure; the caller stores and delivers them.</summary>
public static class AlertRules
{
    /// <summary>
    /// The alerts a new result raises, given the client's earlier valid totals on the same instrument
    /// (oldest first). Risk is read from the answers even when the total is invalid. Deterioration and a
    /// low alliance are raised when the course first crosses the line, not again at every session after.
    /// </summary>
    public static IReadOnlyList<AlertSignal> For(Instrument instrument, ScoreResult result, IReadOnlyList<decimal> earlierTotals, AllianceThresholds alliance)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(earlierTotals);
        ArgumentNullException.ThrowIfNull(alliance);
        var signals = new List<AlertSignal>();
        if (result.Risks.Count > 0)
        {
            signals.Add(new AlertSignal(AlertKind.Risk, AlertPriority.High, instrument.Id,
                $"{instrument.Title}: {string.Join("; ", result.Risks.Select(r => $"{r.Label}, answered {r.Value}"))}"));
        }

        if (!result.Valid || result.Total is not { } total)
        {
            return signals;
        }

        switch (instrument.Role)
        {
            case InstrumentRole.Outcome when earlierTotals.Count > 0:
                var baseline = earlierTotals[0];
                if (Progress.Categorise(instrument, baseline, total) == ChangeCategory.Deteriorated
                    && Progress.Categorise(instrument, baseline, earlierTotals[^1]) != ChangeCategory.Deteriorated)
                {
                    signals.Add(new AlertSignal(AlertKind.ReliableDeterioration, AlertPriority.Normal, instrument.Id,
                        $"{instrument.Title}: {total} against a baseline of {baseline}, a reliable deterioration (threshold {instrument.ReliableChange!.Threshold:0.#})."));
                }

                break;
            case InstrumentRole.Alliance:
                // One alliance alert per form: low (when the rating first drops below the level, not again at
                // every low session), which says so when it also fell; otherwise a fall.
                var previous = earlierTotals.Count > 0 ? earlierTotals[^1] : (decimal?)null;
                var fell = previous - total >= alliance.FallBy;
                if (total < alliance.LowBelow && (previous is null || previous >= alliance.LowBelow))
                {
                    signals.Add(new AlertSignal(AlertKind.LowAlliance, AlertPriority.Normal, instrument.Id,
                        $"{instrument.Title}: rated {total} of {instrument.TotalMax}, below the clinic's level of {alliance.LowBelow}{(fell ? $", down from {previous}" : "")}."));
                }
                else if (fell)
                {
                    signals.Add(new AlertSignal(AlertKind.FallingAlliance, AlertPriority.Normal, instrument.Id,
                        $"{instrument.Title}: fell from {previous} to {total}."));
                }

                break;
        }

        return signals;
    }
}

/// <summary>
/// The "not on track" alert from a fitted expected course. (Under the rational rule red means a reliable
/// deterioration, which <see cref="AlertRules"/> already raises.)
/// </summary>
public static class CourseAlertRule
{
    /// <summary>Raised when a score first turns red; not again while the client stays red.</summary>
    public static AlertSignal? For(Instrument instrument, Course.CourseStatus current, Course.CourseStatus? previous)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (current != Course.CourseStatus.NotOnTrack || previous == Course.CourseStatus.NotOnTrack)
        {
            return null;
        }

        return new AlertSignal(AlertKind.NotOnTrack, AlertPriority.Normal, instrument.Id,
            $"{instrument.Title}: not on track — worse than most of the clinic's clients with the same intake at this point in their course.");
    }
}
