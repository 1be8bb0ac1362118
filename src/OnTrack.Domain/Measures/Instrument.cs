namespace OnTrack.Domain.Measures;

/// <summary>Whether a higher score means the client is doing worse (PHQ-9) or better (WHO-5, alliance).</summary>
public enum ScoreDirection
{
    HigherIsWorse,
    HigherIsBetter,
}

/// <summary>What an instrument is for, which decides how OnTrack uses its scores.</summary>
public enum InstrumentRole
{
    /// <summary>Symptoms or well-being: baseline, reliable change, recovery, expected course.</summary>
    Outcome,

    /// <summary>The client's rating of the session and the relationship: low or falling ratings raise alerts.</summary>
    Alliance,

    /// <summary>Motivation or readiness for change: shown as a trend.</summary>
    Readiness,

    /// <summary>The client's own goals rated 0–10 (Goal-Based Outcomes): movement per goal, not a symptom course.</summary>
    Goals,

    /// <summary>
    /// Given when a review is opened (an off-track client, "this isn't working"): scored per area into flags
    /// for the conversation, never a course, a reliable change or an alert. Never part of a measurement plan.
    /// </summary>
    Review,
}

/// <summary>What to do when items are unanswered.</summary>
public enum MissingRule
{
    /// <summary>Any missing item makes the score invalid.</summary>
    Invalid,

    /// <summary>Up to <see cref="MissingItems.MaxMissing"/> missing items are replaced by the mean of the answered ones (prorating); more makes it invalid.</summary>
    Prorate,
}

public sealed record MissingItems(MissingRule Rule, int MaxMissing);

/// <summary>One answer option and the value it scores.</summary>
public sealed record AnswerOption(string Code, string Display, decimal Value);

/// <summary>
/// One question. Choice items have options; numeric items (visual-analogue 0–10 ratings) have a range.
/// Reverse-scored items score (min + max − value).
/// </summary>
public sealed record Item(string LinkId, string Text, IReadOnlyList<AnswerOption> Options, decimal? Min = null, decimal? Max = null, bool Reverse = false, bool Scored = true)
{
    public bool IsNumeric => Options.Count == 0;

    public decimal MinValue => IsNumeric ? Min ?? 0 : Options.Min(o => o.Value);

    public decimal MaxValue => IsNumeric ? Max ?? 0 : Options.Max(o => o.Value);
}

public sealed record Subscale(string Id, string Name, IReadOnlyList<string> Items);

/// <summary>A severity band on the reported total, inclusive at both ends: 5–9 "mild".</summary>
public sealed record Band(decimal Min, decimal Max, string Label);

/// <summary>A risk item and the answers that trigger it (item value at or above <see cref="AtOrAbove"/>).</summary>
/// <summary>A risk item: endorsed at or above a value. <paramref name="ClientMessage"/> is what the client is told, in words that fit this item.</summary>
public sealed record RiskRule(string LinkId, decimal AtOrAbove, string Label, string ClientMessage)
{
    /// <summary>Said when an instrument file gives no wording of its own: true of any risk item, and never about suicide unless the item is.</summary>
    public const string DefaultClientMessage = "Something you told us on this form worries us, and we want to make sure you are safe. Thank you for telling us.";
}

/// <summary>
/// The clinical cutoff on the reported total. For higher-is-worse measures a score at or above it is a
/// "case"; for higher-is-better measures a score at or below it is.
/// </summary>
public sealed record Cutoff(decimal Value, string Source);

/// <summary>
/// The smallest change that is reliable: a published figure, or one derived from the baseline SD and
/// reliability (Jacobson &amp; Truax 1991: 1.96 · √2 · SD · √(1 − r)).
/// </summary>
public sealed record ReliableChange(decimal? Points, decimal? StandardDeviation, decimal? Reliability, string Source)
{
    public decimal Threshold => Points ?? (decimal)(1.96 * Math.Sqrt(2) * (double)StandardDeviation!.Value * Math.Sqrt(1 - (double)Reliability!.Value));
}

/// <summary>A scored instrument, as defined in its file under instruments/.</summary>
public sealed record Instrument(
    string Id,
    string Version,
    string Title,
    IReadOnlyList<Item> Items,
    ScoreDirection Direction,
    MissingItems Missing,
    decimal Multiplier,
    IReadOnlyList<Subscale> Subscales,
    IReadOnlyList<Band> Bands,
    Cutoff? Cutoff,
    ReliableChange? ReliableChange,
    IReadOnlyList<RiskRule> Risks,
    string? Loinc,
    string Source,
    string Licence)
{
    /// <summary>Outcome unless the file says otherwise ("role" in the scoring block).</summary>
    public InstrumentRole Role { get; init; } = InstrumentRole.Outcome;

    /// <summary>The instruction shown above the items ("Over the last 2 weeks, how often…").</summary>
    public string Description { get; init; } = "";

    /// <summary>
    /// The items are made for each client (their goals): this definition is the template, and a client's
    /// form comes from the feature that holds what it asks about. Never part of a measurement plan.
    /// </summary>
    public bool GeneratedPerClient { get; init; }

    /// <summary>The total is the mean of the scored items, to 2 decimals (goal ratings: the same 0–10 scale for 1 or 5 goals).</summary>
    public bool ReportsMean { get; init; }

    /// <summary>The band the score falls in, if the instrument has bands.</summary>
    public string? BandOf(decimal score) => Bands.FirstOrDefault(b => score >= b.Min && score <= b.Max)?.Label;

    public IEnumerable<Item> ScoredItems => Items.Where(i => i.Scored);

    public decimal TotalMin => ReportsMean ? ScoredItems.Min(i => i.MinValue) : ScoredItems.Sum(i => i.MinValue) * Multiplier;

    public decimal TotalMax => ReportsMean ? ScoredItems.Max(i => i.MaxValue) : ScoredItems.Sum(i => i.MaxValue) * Multiplier;
}
