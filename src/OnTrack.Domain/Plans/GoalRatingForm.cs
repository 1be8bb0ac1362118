using OnTrack.Domain.Measures;

namespace OnTrack.Domain.Plans;

/// <summary>One active goal as the check-in asks about it.</summary>
public sealed record GoalItem(string LinkId, string Text);

/// <summary>
/// The goal ratings of the check-in: a form generated per client from their active goals, one 0–10 item
/// per goal in their own words, scored and stored like any measure (Goal-Based Outcomes, Law &amp; Jacob).
/// The total is the mean rating; what matters clinically is each goal's movement (<see cref="GoalProgress"/>).
/// </summary>
public static class GoalRatingForm
{
    public const string InstrumentId = "goals";

    /// <summary>The form with a placeholder item: what charts, progress and FHIR need to know about any client's goal ratings.</summary>
    public static readonly Instrument Template = new(
        InstrumentId,
        "1",
        "My goals",
        [new Item("goal", "My goal", [], 0m, 10m)],
        ScoreDirection.HigherIsBetter,
        new MissingItems(MissingRule.Invalid, 0),
        1m,
        [],
        [],
        null,
        new ReliableChange(GoalProgress.ReliableMovement, null, null, "Goal-Based Outcomes: a movement of 3 or more points on one goal (CORC's 2.45, rounded up to whole ratings)"),
        [],
        null,
        "Goal-Based Outcomes (Law & Jacob, CORC); the goals are the client's own words",
        "Free to use")
    {
        Role = InstrumentRole.Goals,
        ReportsMean = true,
        GeneratedPerClient = true,
        Description = "How close are you to each of your goals right now? 0 means not at all, 10 means the goal is fully met.",
    };

    /// <summary>The form for one client: their active goals (1–5), in the order they were set.</summary>
    public static Instrument For(IReadOnlyList<GoalItem> goals)
    {
        ArgumentNullException.ThrowIfNull(goals);
        if (goals.Count == 0)
        {
            throw new ArgumentException("A goal rating form needs at least one goal.", nameof(goals));
        }

        // Each goal is also a subscale of one item, so its rating is stored by its LinkId with the response
        // and its movement can be followed across revisions of the form (goals added, met or dropped).
        return Template with
        {
            Items = goals.Select(g => new Item(g.LinkId, g.Text, [], 0m, 10m)).ToList(),
            Subscales = goals.Select(g => new Subscale(g.LinkId, g.Text, [g.LinkId])).ToList(),
        };
    }
}
