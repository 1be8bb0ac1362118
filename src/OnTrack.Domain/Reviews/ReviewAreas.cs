using System.Globalization;
using OnTrack.Domain.Measures;

namespace OnTrack.Domain.Reviews;

/// <summary>What the review questionnaire says about one area.</summary>
public enum AreaStatus
{
    /// <summary>Answered and below the area's cut-off: no sign of a problem.</summary>
    NoSign,

    /// <summary>At or above the area's cut-off (or, for the approach, a clear wish for a change): a likely problem to talk about.</summary>
    Flagged,

    /// <summary>Fewer than half the area's items answered: never flagged.</summary>
    NotEnoughAnswers,
}

/// <summary>Which way the client would like the approach to change.</summary>
public enum ApproachWish
{
    /// <summary>No clear wish either way (or not the approach area).</summary>
    None,

    /// <summary>More structure, clear steps, practical tasks and exercises.</summary>
    MoreStructure,

    /// <summary>More room to talk freely and reflect.</summary>
    MoreReflection,
}

/// <summary>One area's result.</summary>
/// <param name="AreaId">The area (<see cref="ReviewArea.Id"/>).</param>
/// <param name="Name">The area's plain name.</param>
/// <param name="Answered">How many of its items were answered.</param>
/// <param name="Items">How many items it has.</param>
/// <param name="Score">Mean item score 0–4, higher is more of a problem, to 2 decimals; null when not enough answers.</param>
/// <param name="Status">No sign, flagged or not enough answers.</param>
/// <param name="Wish">For the approach area, the direction the client would like; otherwise None.</param>
/// <param name="Summary">One sentence for the therapist.</param>
public sealed record AreaResult(string AreaId, string Name, int Answered, int Items, decimal? Score, AreaStatus Status, ApproachWish Wish, string Summary)
{
    public bool Flagged => Status == AreaStatus.Flagged;
}

/// <summary>Scores the review questionnaire per area into flags for the review conversation. Pure and deterministic.</summary>
public static class ReviewAreas
{
    /// <summary>A wish counts when it is at least "mostly true" …</summary>
    public const decimal WishAtLeast = 3m;

    /// <summary>… and at least this many scale points above the opposite wish (so "more of both" is no direction).</summary>
    public const decimal WishMargin = 2m;

    private static readonly Dictionary<string, Instrument> AreaForms = ReviewQuestionnaire.Areas.ToDictionary(a => a.Id, AreaForm, StringComparer.Ordinal);

    private static readonly Dictionary<string, Instrument> ItemForms = ReviewQuestionnaire.Instrument.Items.ToDictionary(i => i.LinkId, ItemForm, StringComparer.Ordinal);

    /// <summary>
    /// Scores answers given in the questionnaire's item order (option codes "0"–"4", null when unanswered),
    /// one result per area in form order. Throws <see cref="AnswerException"/> for answers that do not fit.
    /// An area is flagged when its mean is at or above its cut-off; an area with fewer than half its items
    /// answered is never flagged.
    /// The approach area is also flagged when the client clearly wants more structure or more reflection.
    /// </summary>
    public static IReadOnlyList<AreaResult> Score(IReadOnlyList<string?> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);

        // The whole form first: the Scorer refuses a wrong number of answers or an unknown code.
        _ = Scorer.Score(ReviewQuestionnaire.Instrument, answers);
        var byLinkId = ReviewQuestionnaire.Instrument.Items.Select((item, i) => (item.LinkId, Answer: answers[i]))
            .ToDictionary(x => x.LinkId, x => x.Answer, StringComparer.Ordinal);
        return ReviewQuestionnaire.Areas.Select(area => Area(area, area.Items.Select(id => byLinkId[id]).ToList())).ToList();
    }

    private static AreaResult Area(ReviewArea area, IReadOnlyList<string?> answers)
    {
        var itemScores = area.Items.Select((id, i) => Scorer.Score(ItemForms[id], [answers[i]]).Total).ToList();
        var answered = itemScores.Count(s => s is not null);

        // Each area is scored as a small instrument of its own items, so reverse scoring and the mean over
        // answered items are exactly the Scorer's: it reports the mean while at most half are missing.
        var result = Scorer.Score(AreaForms[area.Id], answers);
        if (!result.Valid || result.Total is not { } score)
        {
            return new AreaResult(area.Id, area.Name, answered, area.Items.Count, null, AreaStatus.NotEnoughAnswers, ApproachWish.None,
                $"{area.Name}: not enough answers to tell ({answered} of {area.Items.Count} answered).");
        }

        var wish = area.Id == ReviewQuestionnaire.ApproachArea ? WishOf(area, itemScores) : ApproachWish.None;
        var flagged = score >= area.Cutoff
            || wish != ApproachWish.None;
        var of4 = $"({score.ToString("0.##", CultureInfo.InvariantCulture)} of 4)";
        var summary = !flagged ? $"{area.Name}: no sign of a problem {of4}."
            : wish switch
            {
                ApproachWish.MoreStructure => $"{area.FlagMeaning[..^1]}: they would like more structure and practical tasks {of4}.",
                ApproachWish.MoreReflection => $"{area.FlagMeaning[..^1]}: they would like more room to talk and reflect {of4}.",
                _ => $"{area.FlagMeaning[..^1]} {of4}.",
            };
        return new AreaResult(area.Id, area.Name, answered, area.Items.Count, score, flagged ? AreaStatus.Flagged : AreaStatus.NoSign, wish, summary);
    }

    private static ApproachWish WishOf(ReviewArea area, IReadOnlyList<decimal?> itemScores)
    {
        var structure = itemScores[IndexOf(area, ReviewQuestionnaire.MoreStructureItem)];
        var reflection = itemScores[IndexOf(area, ReviewQuestionnaire.MoreReflectionItem)];
        if (structure is not { } s || reflection is not { } r)
        {
            // One side unanswered: no direction can be read from the difference.
            return ApproachWish.None;
        }

        return s >= WishAtLeast && s - r >= WishMargin ? ApproachWish.MoreStructure
            : r >= WishAtLeast && r - s >= WishMargin ? ApproachWish.MoreReflection
            : ApproachWish.None;
    }

    private static int IndexOf(ReviewArea area, string linkId)
    {
        for (var i = 0; i < area.Items.Count; i++)
        {
            if (area.Items[i] == linkId)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The approach area has no item {linkId}.");
    }

    private static Instrument AreaForm(ReviewArea area)
    {
        var items = area.Items.Select(id => ReviewQuestionnaire.Instrument.Items.Single(i => i.LinkId == id)).ToList();

        // "Fewer than half answered" is not enough: at most n/2 (rounded down) may be missing.
        return ReviewQuestionnaire.Instrument with
        {
            Id = $"{ReviewQuestionnaire.InstrumentId}/{area.Id}",
            Items = items,
            Subscales = [],
            Missing = new MissingItems(MissingRule.Prorate, items.Count / 2),
        };
    }

    private static Instrument ItemForm(Item item) => ReviewQuestionnaire.Instrument with
    {
        Id = $"{ReviewQuestionnaire.InstrumentId}/{item.LinkId}",
        Items = [item],
        Subscales = [],
        Missing = new MissingItems(MissingRule.Invalid, 0),
    };
}
