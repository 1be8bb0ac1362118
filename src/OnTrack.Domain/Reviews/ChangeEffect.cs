using System.Globalization;
using NodaTime;
using OnTrack.Domain.Course;
using OnTrack.Domain.Measures;

namespace OnTrack.Domain.Reviews;

/// <summary>One scored outcome form in the client's course.</summary>
/// <param name="At">When the form was completed.</param>
/// <param name="Session">The session number it belongs to (the x of the slope).</param>
/// <param name="Score">The total.</param>
/// <param name="Status">Where it stood against the expected course, when a course was fitted.</param>
public readonly record struct OutcomePoint(Instant At, int Session, decimal Score, CourseStatus? Status = null);

/// <summary>One goal check-in: the mean rating 0–10 over the client's goals.</summary>
public readonly record struct GoalPoint(Instant At, decimal MeanRating);

/// <summary>What the course since a change suggests, for the therapist to confirm or revisit.</summary>
public enum ChangeVerdict
{
    /// <summary>Fewer than <see cref="ChangeEffect.PointsAfterNeeded"/> scores since the change.</summary>
    TooEarly,

    /// <summary>Amber or red at the last score before the change; on track or in the healthy range at the latest.</summary>
    BackOnTrack,

    /// <summary>Improving since the change, faster than before by at least the margin.</summary>
    Improving,

    /// <summary>No difference of the margin or more either way.</summary>
    NoChange,

    /// <summary>Getting worse since the change, faster than before by at least the margin; or red at the latest when it was not before.</summary>
    Worse,
}

/// <summary>The course over the points on one side of the change.</summary>
/// <param name="Count">How many scores.</param>
/// <param name="SlopePerSession">Least-squares slope of score on session number, in points per session; null with fewer than two sessions.</param>
/// <param name="ImprovementPerSession">The slope turned so that positive means improving (the negated slope when lower is better).</param>
/// <param name="ShareOnTrack">Share of the scores with a known status that were on track or in the healthy range; null when none had a status.</param>
/// <param name="LatestStatus">The status of the latest score that had one.</param>
/// <param name="LatestScore">The latest score.</param>
public sealed record PeriodCourse(int Count, double? SlopePerSession, double? ImprovementPerSession, double? ShareOnTrack, CourseStatus? LatestStatus, decimal? LatestScore);

/// <summary>The course before and after one change, and what it suggests.</summary>
/// <param name="Before">The last scores up to and including the moment of the change.</param>
/// <param name="After">The scores after it.</param>
/// <param name="GoalMovement">Latest mean goal rating after the change minus the last one before it (positive: closer to the goals); null without both.</param>
/// <param name="Verdict">What the course suggests.</param>
/// <param name="MarginPerSession">The difference in improvement per session that counts (<see cref="ChangeEffect.Margin"/>).</param>
/// <param name="Summary">The finding in words for the therapist, with the caveat that it is not proof.</param>
public sealed record ChangeEffectResult(PeriodCourse Before, PeriodCourse After, decimal? GoalMovement, ChangeVerdict Verdict, double MarginPerSession, string Summary);

/// <summary>
/// Did a change help? Compares the client's course before and after one action (a change of approach, of
/// frequency, a referral…) taken at a moment T. This is an association in one client, not proof that the
/// action caused what followed: scores move for many reasons, and off-track clients often improve anyway.
/// </summary>
public static class ChangeEffect
{
    /// <summary>How many scores before the change are compared (the last ones up to T).</summary>
    public const int DefaultPointsBefore = 4;

    /// <summary>Scores needed after the change before it is judged: the issue asks to look again after 3–4 more sessions.</summary>
    public const int PointsAfterNeeded = 3;

    /// <summary>
    /// A difference in improvement per session that, kept up over this many sessions, adds up to the
    /// measure's reliable change: the margin is the reliable change divided by it (PHQ-9: 6 / 4 = 1.5 points
    /// per session). OnTrack's own choice: the number of sessions a review waits before looking again.
    /// </summary>
    public const int SessionsToReliableChange = 4;

    /// <summary>Said with every finding.</summary>
    public const string Caveat = "This is what happened in one client after the change, not proof that the change caused it.";

    /// <summary>The margin in points per session for a measure with this reliable-change threshold.</summary>
    public static double Margin(decimal reliableChange) => (double)reliableChange / SessionsToReliableChange;

    /// <summary>
    /// The course before (the last <paramref name="pointsBefore"/> scores at or before <paramref name="changeAt"/>:
    /// a form completed at the moment of the change reflects the time before it) and after (every later score),
    /// the goal movement, and a verdict: too early with fewer than 3 scores after; back on track when amber or
    /// red before and on track or healthy at the latest; worse when red at the latest and not before;
    /// otherwise improving or worse when the improvement per session differs from before by at least the
    /// margin in that direction and the course after is itself going that way; otherwise no change. Without
    /// a slope before (fewer than two scores) the course after is compared with a flat one.
    /// </summary>
    /// <param name="changeAt">When the action was taken.</param>
    /// <param name="points">The client's scores on one outcome measure, in any order.</param>
    /// <param name="direction">Whether a lower score (PHQ-9) or a higher one (WHO-5) is better.</param>
    /// <param name="reliableChange">The measure's reliable-change threshold in points, which sets the margin.</param>
    /// <param name="goals">Mean goal ratings per check-in, if the client has goals.</param>
    /// <param name="pointsBefore">How many scores before the change to compare.</param>
    public static ChangeEffectResult Of(
        Instant changeAt,
        IReadOnlyList<OutcomePoint> points,
        ScoreDirection direction,
        decimal reliableChange,
        IReadOnlyList<GoalPoint>? goals = null,
        int pointsBefore = DefaultPointsBefore)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reliableChange);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pointsBefore);

        var ordered = points.OrderBy(p => p.Session).ThenBy(p => p.At).ToList();
        var beforePoints = ordered.Where(p => p.At <= changeAt).TakeLast(pointsBefore).ToList();
        var afterPoints = ordered.Where(p => p.At > changeAt).ToList();
        var before = Period(beforePoints, direction);
        var after = Period(afterPoints, direction);
        var margin = Margin(reliableChange);
        var goalMovement = GoalMovement(changeAt, goals ?? []);
        var verdict = Verdict(before, after, margin);
        return new ChangeEffectResult(before, after, goalMovement, verdict, margin, Summary(verdict, before, after, direction, goalMovement));
    }

    /// <summary>The least-squares slope of score on session number (points per session); null with fewer than two distinct sessions.</summary>
    public static double? Slope(IReadOnlyList<OutcomePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            return null;
        }

        var meanX = points.Average(p => (double)p.Session);
        var meanY = points.Average(p => (double)p.Score);
        var sxx = points.Sum(p => (p.Session - meanX) * (p.Session - meanX));
        var sxy = points.Sum(p => (p.Session - meanX) * ((double)p.Score - meanY));
        return sxx == 0 ? null : sxy / sxx;
    }

    private static PeriodCourse Period(IReadOnlyList<OutcomePoint> points, ScoreDirection direction)
    {
        var slope = Slope(points);
        var known = points.Where(p => p.Status is not null).ToList();
        double? share = known.Count == 0 ? null : (double)known.Count(p => IsOnTrack(p.Status)) / known.Count;
        return new PeriodCourse(
            points.Count,
            slope,
            slope is { } s ? (direction == ScoreDirection.HigherIsWorse ? -s : s) : null,
            share,
            known.Count == 0 ? null : known[^1].Status,
            points.Count == 0 ? null : points[^1].Score);
    }

    private static ChangeVerdict Verdict(PeriodCourse before, PeriodCourse after, double margin)
    {
        if (after.Count < PointsAfterNeeded)
        {
            return ChangeVerdict.TooEarly;
        }

        if ((before.LatestStatus is CourseStatus.AtRisk or CourseStatus.NotOnTrack) && IsOnTrack(after.LatestStatus))
        {
            return ChangeVerdict.BackOnTrack;
        }

        if (after.LatestStatus == CourseStatus.NotOnTrack && before.LatestStatus is { } was && was != CourseStatus.NotOnTrack)
        {
            return ChangeVerdict.Worse;
        }

        if (after.ImprovementPerSession is not { } rateAfter)
        {
            return ChangeVerdict.NoChange;
        }

        var difference = rateAfter - (before.ImprovementPerSession ?? 0);
        return difference >= margin && rateAfter > 0 ? ChangeVerdict.Improving
            : difference <= -margin && rateAfter < 0 ? ChangeVerdict.Worse
            : ChangeVerdict.NoChange;
    }

    private static decimal? GoalMovement(Instant changeAt, IReadOnlyList<GoalPoint> goals)
    {
        var ordered = goals.OrderBy(g => g.At).ToList();
        var lastBefore = ordered.LastOrDefault(g => g.At <= changeAt);
        var latest = ordered.LastOrDefault(g => g.At > changeAt);
        return ordered.Any(g => g.At <= changeAt) && ordered.Any(g => g.At > changeAt) ? latest.MeanRating - lastBefore.MeanRating : null;
    }

    private static bool IsOnTrack(CourseStatus? status) => status is CourseStatus.OnTrack or CourseStatus.HealthyRange;

    private static string Summary(ChangeVerdict verdict, PeriodCourse before, PeriodCourse after, ScoreDirection direction, decimal? goalMovement)
    {
        var finding = verdict switch
        {
            ChangeVerdict.TooEarly => $"Too early to tell: {after.Count} score(s) since the change; look again after at least {PointsAfterNeeded}.",
            ChangeVerdict.BackOnTrack => $"Back on track: {StatusWord(before.LatestStatus)} before the change, {StatusWord(after.LatestStatus)} at the latest score.",
            ChangeVerdict.Improving => $"Improving since the change: {Rate(after, direction)}, against {Rate(before, direction)} before.",
            ChangeVerdict.Worse when after.LatestStatus == CourseStatus.NotOnTrack && before.LatestStatus != CourseStatus.NotOnTrack =>
                $"Worse: {StatusWord(before.LatestStatus)} before the change, not on track at the latest score.",
            ChangeVerdict.Worse => $"Worse since the change: {Rate(after, direction)}, against {Rate(before, direction)} before.",
            _ => $"No clear change: {Rate(after, direction)} since the change, against {Rate(before, direction)} before.",
        };
        var goals = goalMovement is { } m
            ? $" Goal ratings moved {m.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture)} since the change."
            : "";
        return verdict == ChangeVerdict.TooEarly ? finding : $"{finding}{goals} {Caveat}";
    }

    private static string Rate(PeriodCourse period, ScoreDirection direction)
    {
        if (period.SlopePerSession is not { } slope)
        {
            return "no trend yet";
        }

        var points = Math.Abs(slope).ToString("0.#", CultureInfo.InvariantCulture);
        if (points == "0")
        {
            return "flat";
        }

        var way = slope < 0 ? "falling" : "rising";
        var meaning = (slope < 0) == (direction == ScoreDirection.HigherIsWorse) ? "better" : "worse";
        return $"{way} {points} {(points == "1" ? "point" : "points")} per session ({meaning})";
    }

    private static string StatusWord(CourseStatus? status) => status switch
    {
        CourseStatus.OnTrack => "on track",
        CourseStatus.AtRisk => "amber",
        CourseStatus.NotOnTrack => "not on track",
        CourseStatus.HealthyRange => "in the healthy range",
        _ => "no status",
    };
}
