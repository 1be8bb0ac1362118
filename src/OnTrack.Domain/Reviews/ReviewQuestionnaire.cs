using OnTrack.Domain.Measures;

namespace OnTrack.Domain.Reviews;

/// <summary>
/// One area of the review questionnaire: what it asks about, which items, and when it is flagged.
/// Scores are means of the area's item scores on 0–4, oriented so that higher means more of a problem.
/// </summary>
/// <param name="Id">Stable id, also the subscale id in stored responses ("alliance-goals").</param>
/// <param name="Name">Plain name for people ("Agreeing on goals").</param>
/// <param name="Items">Link ids of the area's items, in form order.</param>
/// <param name="Cutoff">Flagged as a likely problem when the area's mean is at or above this (OnTrack's own, unvalidated).</param>
/// <param name="FlagMeaning">What a flag means, in one sentence for the therapist.</param>
public sealed record ReviewArea(string Id, string Name, IReadOnlyList<string> Items, decimal Cutoff, string FlagMeaning);

/// <summary>
/// OnTrack's own review questionnaire, given when a review is opened: 24 items in nine areas on a 0–4
/// "how true is this for you" scale. The wording is ours, written for OnTrack on the areas OQ-Analyst's
/// Clinical Support Tools look at for off-track clients (alliance, motivation, social support, stressful
/// life events) and those the issue adds (pace and expectations, fit of the approach, lifestyle). It is
/// not a validated instrument and not the OQ-ASC; a clinic may load the ASC under its own licence.
/// Item scores are oriented so that a higher score means more of a problem: the positively worded items
/// are reverse-scored. Each area is a subscale, so a stored response keeps the per-area sums; the flags
/// come from <see cref="ReviewAreas.Score"/>.
/// </summary>
public static class ReviewQuestionnaire
{
    public const string InstrumentId = "review";

    /// <summary>The answer scale: how true a sentence is for the client, 0 "not at all true" … 4 "completely true".</summary>
    public static readonly IReadOnlyList<AnswerOption> Scale =
    [
        new("0", "Not at all true", 0m),
        new("1", "A little true", 1m),
        new("2", "Somewhat true", 2m),
        new("3", "Mostly true", 3m),
        new("4", "Completely true", 4m),
    ];

    /// <summary>Item that asks whether the client would like more structure, practical tasks and exercises.</summary>
    public const string MoreStructureItem = "approach-structure";

    /// <summary>Item that asks whether the client would like more room to talk freely and reflect.</summary>
    public const string MoreReflectionItem = "approach-reflection";

    /// <summary>The area whose flag also reports which way the client would like the approach to change.</summary>
    public const string ApproachArea = "approach";

    // Cut-offs are OnTrack's own and unvalidated. 2 is "somewhat" a problem on average. The alliance areas
    // flag earlier (1.5), because clients rate the alliance high and rarely criticise it: PCOMS treats an SRS
    // total below 36 of 40, or any one low item, as a signal. With two items per alliance area, one item
    // "mostly" a problem (3) flags the area on its own.
    private const decimal AllianceCutoff = 1.5m;
    private const decimal AreaCutoff = 2m;

    /// <summary>The items in form order: link id, wording, reverse-scored (positively worded).</summary>
    private static readonly (string Area, string LinkId, string Text, bool Reverse)[] Questions =
    [
        ("alliance-bond", "bond-understood", "I feel my therapist understands me and is on my side.", true),
        ("alliance-bond", "bond-open", "I find it hard to be open with my therapist.", false),
        ("alliance-goals", "goals-agree", "My therapist and I agree on what I am here to work on.", true),
        ("alliance-goals", "goals-off", "Our sessions are about things that are not what matters most to me.", false),
        ("alliance-tasks", "tasks-sense", "What we do in sessions makes sense to me as a way to get better.", true),
        ("alliance-tasks", "tasks-unsure", "I am unsure how what we do in sessions is meant to help me.", false),
        ("motivation", "motivation-ready", "I am ready to make changes in my life, even when they are hard.", true),
        ("motivation", "motivation-try", "Between sessions I try out what we talked about.", true),
        ("motivation", "motivation-doubt", "Part of me wonders whether therapy is worth the effort right now.", false),
        ("support", "support-someone", "There is someone I can talk to when things are difficult.", true),
        ("support", "support-backing", "The people close to me support me in coming to therapy.", true),
        ("support", "support-alone", "I feel alone with my problems.", false),
        ("life-events", "events-stress", "Something stressful has happened in my life in the last month (for example at home, at work, with money or with my health).", false),
        ("life-events", "events-energy", "Other things in my life take so much of my energy that it is hard to focus on therapy.", false),
        ("pace", "pace-suits", "Therapy is moving at a pace that suits me.", true),
        ("pace", "pace-expected", "I expected to feel better by now than I do.", false),
        ("pace", "pace-clear", "I have a clear idea of how long therapy may take and what to expect on the way.", true),
        ("approach", "approach-suits", "The way my therapist and I work in sessions suits me.", true),
        ("approach", MoreStructureItem, "I would like more structure in sessions: clear steps, practical tasks and exercises.", false),
        ("approach", MoreReflectionItem, "I would like more room in sessions to talk freely and reflect on things.", false),
        ("lifestyle", "lifestyle-sleep", "Over the last two weeks I have slept well enough.", true),
        ("lifestyle", "lifestyle-active", "Over the last two weeks I have been physically active on most days (for example walking, cycling or sport).", true),
        ("lifestyle", "lifestyle-eating", "Over the last two weeks I have eaten regular meals.", true),
        ("lifestyle", "lifestyle-relax", "Over the last two weeks I have found time to relax or do something I enjoy.", true),
    ];

    /// <summary>The nine areas, in form order.</summary>
    public static readonly IReadOnlyList<ReviewArea> Areas =
    [
        Area("alliance-bond", "Feeling understood by your therapist", AllianceCutoff,
            "Alliance (bond): the client does not feel understood by you or finds it hard to be open with you."),
        Area("alliance-goals", "Agreeing on goals", AllianceCutoff,
            "Alliance (goals): the client does not feel you agree on what to work on."),
        Area("alliance-tasks", "Agreeing on how to work", AllianceCutoff,
            "Alliance (tasks): the client does not see how what you do in sessions is meant to help."),
        Area("motivation", "Readiness for change", AreaCutoff,
            "Motivation: the client is unsure about change or about therapy, or is not trying things between sessions."),
        Area("support", "Support from other people", AreaCutoff,
            "Social support: the client feels alone or without backing from the people close to them."),
        Area("life-events", "Stressful things happening", AreaCutoff,
            "Life events: something stressful is happening and is taking the energy therapy needs."),
        Area("pace", "Pace and expectations", AreaCutoff,
            "Pace and expectations: the pace does not suit the client, or progress is slower than they expected."),
        Area(ApproachArea, "How we work together", AreaCutoff,
            "Approach: the way of working may not fit what the client wants from sessions."),
        Area("lifestyle", "Sleep, activity, eating and relaxing", AreaCutoff,
            "Lifestyle: poor sleep, little activity, irregular meals or no time to relax may be holding progress back."),
    ];

    /// <summary>The questionnaire as an instrument: one subscale per area, higher is worse, the total is the mean item score.</summary>
    public static readonly Instrument Instrument = new(
        InstrumentId,
        "1",
        "How therapy is going for you",
        Questions.Select(q => new Item(q.LinkId, q.Text, Scale, Reverse: q.Reverse)).ToList(),
        ScoreDirection.HigherIsWorse,
        // Scored while at least half the items are answered; each area applies its own half rule.
        new MissingItems(MissingRule.Prorate, Questions.Length / 2),
        1m,
        Areas.Select(a => new Subscale(a.Id, a.Name, a.Items)).ToList(),
        [],
        null,
        null,
        [],
        null,
        "OnTrack's own review questions (unvalidated), on the areas of OQ-Analyst's Clinical Support Tools (alliance, motivation, social support, life events) and on pace, approach and lifestyle",
        "OnTrack's own wording, CC0. Not a validated instrument: its items and cut-offs are OnTrack's own and have not been tested.")
    {
        Role = InstrumentRole.Review,
        ReportsMean = true,
        Description = "Thinking about your therapy so far, how true is each sentence for you? There are no right answers: this helps you and your therapist decide together what to change.",
    };

    private static ReviewArea Area(string id, string name, decimal cutoff, string meaning) =>
        new(id, name, Questions.Where(q => q.Area == id).Select(q => q.LinkId).ToList(), cutoff, meaning);
}
