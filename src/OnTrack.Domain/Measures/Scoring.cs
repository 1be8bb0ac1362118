namespace OnTrack.Domain.Measures;

public sealed record SubscaleScore(string Id, string Name, decimal? Score);

/// <summary>An endorsed risk item, with what to tell the client about it.</summary>
public sealed record RiskFlag(string LinkId, string Label, decimal Value, string ClientMessage);

/// <summary>The scores of one completed form.</summary>
public sealed record ScoreResult(
    string Instrument,
    bool Valid,
    string? InvalidReason,
    decimal? Total,
    int Answered,
    int Missing,
    bool Prorated,
    IReadOnlyList<SubscaleScore> Subscales,
    string? Band,
    bool? Case,
    IReadOnlyList<RiskFlag> Risks);

/// <summary>Answers in item order with unreadable ones left out, and why each was left out.</summary>
public sealed record ReadableAnswers(IReadOnlyList<string?> Answers, IReadOnlyList<string> Problems);

/// <summary>Thrown for answers that do not fit the instrument (a value outside the options, too many answers).</summary>
public sealed class AnswerException(string message) : Exception(message);

/// <summary>Scores a form exactly as the instrument's definition says. Pure and deterministic.</summary>
public static class Scorer
{
    /// <summary>
    /// Scores answers given in item order (null for a missing answer). Choice items take their option
    /// code; numeric items a number within their range.
    /// </summary>
    public static ScoreResult Score(Instrument instrument, IReadOnlyList<string?> answers)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count != instrument.Items.Count)
        {
            throw new AnswerException($"{instrument.Id} has {instrument.Items.Count} items; {answers.Count} answers were given.");
        }

        var values = new Dictionary<string, decimal?>();
        for (var i = 0; i < answers.Count; i++)
        {
            values[instrument.Items[i].LinkId] = Value(instrument.Items[i], answers[i]);
        }

        // Risk items are flagged from what was answered, even when the total is invalid: safety first.
        var risks = instrument.Risks
            .Where(r => values.TryGetValue(r.LinkId, out var v) && v is { } value && value >= r.AtOrAbove)
            .Select(r => new RiskFlag(r.LinkId, r.Label, values[r.LinkId]!.Value, r.ClientMessage))
            .ToList();

        var scored = instrument.ScoredItems.ToList();
        var itemScores = scored.Select(item => values[item.LinkId] is { } v ? (decimal?)(item.Reverse ? item.MinValue + item.MaxValue - v : v) : null).ToList();
        var answered = itemScores.Count(v => v is not null);
        var missing = scored.Count - answered;
        var subscales = instrument.Subscales.Select(s => new SubscaleScore(s.Id, s.Name, Sum(instrument, s.Items.Select(id => Score(instrument, values, id)).ToList()))).ToList();

        var total = Sum(instrument, itemScores);
        if (total is null)
        {
            var reason = instrument.Missing.Rule == MissingRule.Invalid
                ? $"{missing} item(s) unanswered; {instrument.Id} is scored only when every item is answered."
                : $"{missing} item(s) unanswered; {instrument.Id} allows at most {instrument.Missing.MaxMissing}.";
            return new ScoreResult(instrument.Id, false, reason, null, answered, missing, false, subscales, null, null, risks);
        }

        var reported = instrument.ReportsMean
            ? Math.Round(total.Value / instrument.ScoredItems.Count(), 2, MidpointRounding.AwayFromZero)
            : total.Value * instrument.Multiplier;
        return new ScoreResult(instrument.Id, true, null, reported, answered, missing, missing > 0, subscales,
            instrument.BandOf(reported),
            IsCase(instrument, reported), risks);
    }

    /// <summary>
    /// The answers with each one that does not fit its item left out (as unanswered), and what was wrong
    /// with each: so that a form with an endorsed risk item is never refused for a mistake elsewhere.
    /// </summary>
    public static ReadableAnswers Readable(Instrument instrument, IReadOnlyList<string?> answers)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(answers);
        var readable = new List<string?>(instrument.Items.Count);
        var problems = new List<string>();
        for (var i = 0; i < instrument.Items.Count; i++)
        {
            var answer = i < answers.Count ? answers[i] : null;
            try
            {
                _ = Value(instrument.Items[i], answer);
                readable.Add(answer);
            }
            catch (AnswerException ex)
            {
                readable.Add(null);
                problems.Add(ex.Message);
            }
        }

        if (answers.Count > instrument.Items.Count)
        {
            problems.Add($"{instrument.Id} has {instrument.Items.Count} items; {answers.Count} answers were given.");
        }

        return new ReadableAnswers(readable, problems);
    }

    /// <summary>A "case" by the instrument's cutoff, or null when it has none.</summary>
    public static bool? IsCase(Instrument instrument, decimal total)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.Cutoff is not { } cutoff ? null
            : instrument.Direction == ScoreDirection.HigherIsWorse ? total >= cutoff.Value
            : total <= cutoff.Value;
    }

    private static decimal? Score(Instrument instrument, Dictionary<string, decimal?> values, string linkId)
    {
        var item = instrument.Items.Single(i => i.LinkId == linkId);
        return values[linkId] is { } v ? item.Reverse ? item.MinValue + item.MaxValue - v : v : null;
    }

    /// <summary>The sum of item scores, prorated when the rule allows the number missing; null when not scorable.</summary>
    private static decimal? Sum(Instrument instrument, IReadOnlyList<decimal?> scores)
    {
        var answered = scores.Where(s => s is not null).Select(s => s!.Value).ToList();
        var missing = scores.Count - answered.Count;
        if (missing == 0)
        {
            return answered.Sum();
        }

        if (instrument.Missing.Rule == MissingRule.Invalid || missing > instrument.Missing.MaxMissing || answered.Count == 0)
        {
            return null;
        }

        // Prorating: the mean of the answered items stands in for each missing one.
        return Math.Round(answered.Sum() * scores.Count / answered.Count, 2, MidpointRounding.AwayFromZero);
    }

    private static decimal? Value(Item item, string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }

        answer = answer.Trim();
        if (!item.IsNumeric)
        {
            return item.Options.FirstOrDefault(o => o.Code == answer)?.Value
                ?? throw new AnswerException($"Item {item.LinkId}: '{answer}' is not one of its answers ({string.Join(", ", item.Options.Select(o => o.Code))}).");
        }

        if (!decimal.TryParse(answer, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value < item.MinValue || value > item.MaxValue)
        {
            throw new AnswerException($"Item {item.LinkId}: '{answer}' is not a number from {item.MinValue} to {item.MaxValue}.");
        }

        return value;
    }
}
