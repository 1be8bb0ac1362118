namespace OnTrack.Domain.Plans;

/// <summary>Whether a goal's movement since its first rating is beyond measurement noise.</summary>
public enum GoalChange
{
    /// <summary>Moved up by more than the reliable-change figure.</summary>
    Improved,

    /// <summary>Moved less than the reliable-change figure either way.</summary>
    None,

    /// <summary>Moved down by more than the reliable-change figure.</summary>
    Worse,
}

/// <summary>Which prompt, if any, a goal's ratings call for at the check-in.</summary>
public enum GoalPrompt
{
    /// <summary>Nothing to raise.</summary>
    None,

    /// <summary>No real movement over the last four ratings: worth talking about whether the goal or the work should change.</summary>
    Stalled,

    /// <summary>Rated 9 or 10: suggest marking the goal as met.</summary>
    LooksMet,
}

/// <summary>
/// One goal's progress on the Goal-Based Outcomes scale (Law &amp; Jacob, CORC; Law 2019, "The goal-based
/// outcome (GBO) tool: guidance notes"): each rating 0 = not at all met … 10 = fully met, and the outcome is the
/// movement from the first rating to the latest.
/// </summary>
/// <param name="First">The first rating.</param>
/// <param name="Latest">The latest rating.</param>
/// <param name="Ratings">How many ratings there are.</param>
/// <param name="Change">Whether <see cref="Movement"/> is a reliable change.</param>
/// <param name="Prompt">The check-in prompt the ratings call for.</param>
public sealed record GoalProgress(int First, int Latest, int Ratings, GoalChange Change, GoalPrompt Prompt)
{
    /// <summary>The lowest rating on the scale.</summary>
    public const int Min = 0;

    /// <summary>The highest rating on the scale.</summary>
    public const int Max = 10;

    /// <summary>
    /// The GBO reliable-change figure as cited by CORC: a movement of more than 2.45 points. The clinical
    /// reference attributes it to CORC; the paper usually given for it is Edbrooke-Childs, Jacob, Law, Deighton
    /// &amp; Wolpert (2015), "Interpreting standardized and idiographic outcome measures in CAMHS", Child and
    /// Adolescent Mental Health 20(3):142–148, which computed reliable change on the GBO for N = 137 CAMHS
    /// attenders. NOT CONFIRMED: the sources reachable when this was written (the paper's abstract, CORC's
    /// pages, the GBO guidance notes) do not show the figure itself; check it against the paper before relying
    /// on it in reports.
    /// </summary>
    public const double CorcReliableChange = 2.45;

    /// <summary>Ratings are whole points, so a movement beyond 2.45 means 3 points or more.</summary>
    public const int ReliableMovement = 3;

    /// <summary>The latest rating at or above which a goal looks met rather than stalled.</summary>
    public const int LooksMetFrom = 9;

    /// <summary>How many of the latest ratings the stalled rule looks at ("no movement over 4 ratings").</summary>
    public const int StalledWindow = 4;

    /// <summary>The largest spread (highest − lowest) of the window that still counts as no movement.</summary>
    public const int StalledSpread = 1;

    /// <summary>Latest − first: positive is towards the goal.</summary>
    public int Movement => Latest - First;

    /// <summary>The progress of one goal from its ratings, oldest first.</summary>
    /// <exception cref="ArgumentException">There are no ratings.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rating is outside 0 … 10.</exception>
    public static GoalProgress Of(IReadOnlyList<int> ratings)
    {
        Check(ratings);
        var first = ratings[0];
        var latest = ratings[^1];
        var movement = latest - first;
        var change = movement >= ReliableMovement ? GoalChange.Improved
            : movement <= -ReliableMovement ? GoalChange.Worse
            : GoalChange.None;
        return new GoalProgress(first, latest, ratings.Count, change, PromptFor(ratings));
    }

    /// <summary>
    /// The check-in prompt for a goal's ratings, oldest first. A latest rating of 9 or 10 looks met (never stalled:
    /// a goal held near the top is done, not stuck). Otherwise the goal is stalled when there are at least four
    /// ratings and the last four lie within one point of each other — a one-point wobble is the kind of
    /// session-to-session noise the reliable-change figure says is not movement.
    /// </summary>
    /// <exception cref="ArgumentException">There are no ratings.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rating is outside 0 … 10.</exception>
    public static GoalPrompt PromptFor(IReadOnlyList<int> ratings)
    {
        Check(ratings);
        if (ratings[^1] >= LooksMetFrom)
        {
            return GoalPrompt.LooksMet;
        }

        if (ratings.Count < StalledWindow)
        {
            return GoalPrompt.None;
        }

        int low = Max, high = Min;
        for (var i = ratings.Count - StalledWindow; i < ratings.Count; i++)
        {
            low = Math.Min(low, ratings[i]);
            high = Math.Max(high, ratings[i]);
        }

        return high - low <= StalledSpread ? GoalPrompt.Stalled : GoalPrompt.None;
    }

    /// <summary>
    /// True when the prompt "no goals by the second session" applies: at least two sessions have been held and the
    /// client has no active goals. GBO asks for goals to be agreed early, within the first sessions, so that
    /// progress can be tracked from the start.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static bool NoGoalsBySecondSession(int sessionsHeld, int activeGoals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sessionsHeld);
        ArgumentOutOfRangeException.ThrowIfNegative(activeGoals);
        return sessionsHeld >= 2 && activeGoals == 0;
    }

    private static void Check(IReadOnlyList<int> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (ratings.Count == 0)
        {
            throw new ArgumentException("A goal needs at least one rating.", nameof(ratings));
        }

        foreach (var rating in ratings)
        {
            if (rating is < Min or > Max)
            {
                throw new ArgumentOutOfRangeException(nameof(ratings), rating, "A goal rating is a whole number from 0 (not at all met) to 10 (fully met).");
            }
        }
    }
}
