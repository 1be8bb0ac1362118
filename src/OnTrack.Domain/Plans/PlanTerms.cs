namespace OnTrack.Domain.Plans;

/// <summary>The problem areas a treatment plan names (a fixed list, plus the client's own words beside it).</summary>
public enum ProblemArea
{
    Depression,
    Anxiety,
    Trauma,
    Relationships,
    SubstanceUse,
    Sleep,
    WorkOrStudy,
    SelfEsteem,
    Grief,
    Other,
}

/// <summary>The therapeutic approach of a plan.</summary>
public enum TherapyApproach
{
    Cbt,
    Dbt,
    Act,
    Psychodynamic,
    PersonCentred,
    Emdr,
    SystemicOrFamily,
    Integrative,
    Other,
}

/// <summary>How often sessions are planned.</summary>
public enum SessionFrequency
{
    Weekly,
    TwiceWeekly,
    EveryOtherWeek,
}

/// <summary>Where a goal stands. Only active goals are rated at the check-in.</summary>
public enum GoalStatus
{
    Active,
    Met,
    Dropped,
}

/// <summary>
/// The four dimensions on which a client states preferences and a therapist describes their style. Each is
/// rated −3 … +3 between the two poles named in <see cref="PlanWords"/>; 0 means no preference.
/// </summary>
public enum PreferenceDimension
{
    /// <summary>−3 therapist-directed (structure, tasks, homework) … +3 client-directed (room to explore).</summary>
    Direction,

    /// <summary>−3 emotional intensity … +3 emotional reserve.</summary>
    EmotionalIntensity,

    /// <summary>−3 focus on the past … +3 focus on the present.</summary>
    TimeFocus,

    /// <summary>−3 warm support … +3 focused challenge.</summary>
    SupportOrChallenge,
}

/// <summary>The plain words shown to clients and staff for each term.</summary>
public static class PlanWords
{
    public static string Of(ProblemArea area) => area switch
    {
        ProblemArea.Depression => "Depression or low mood",
        ProblemArea.Anxiety => "Anxiety or worry",
        ProblemArea.Trauma => "Trauma",
        ProblemArea.Relationships => "Relationships",
        ProblemArea.SubstanceUse => "Alcohol, drugs or other substances",
        ProblemArea.Sleep => "Sleep",
        ProblemArea.WorkOrStudy => "Work or study",
        ProblemArea.SelfEsteem => "Self-esteem",
        ProblemArea.Grief => "Grief or loss",
        _ => "Something else",
    };

    public static string Of(TherapyApproach approach) => approach switch
    {
        TherapyApproach.Cbt => "Cognitive behavioural therapy (CBT)",
        TherapyApproach.Dbt => "Dialectical behaviour therapy (DBT)",
        TherapyApproach.Act => "Acceptance and commitment therapy (ACT)",
        TherapyApproach.Psychodynamic => "Psychodynamic therapy",
        TherapyApproach.PersonCentred => "Person-centred therapy",
        TherapyApproach.Emdr => "EMDR",
        TherapyApproach.SystemicOrFamily => "Systemic or family therapy",
        TherapyApproach.Integrative => "An integrative approach",
        _ => "Another approach",
    };

    public static string Of(SessionFrequency frequency) => frequency switch
    {
        SessionFrequency.TwiceWeekly => "twice a week",
        SessionFrequency.EveryOtherWeek => "every other week",
        _ => "once a week",
    };

    /// <summary>The two poles of a dimension: the words for −3 and for +3.</summary>
    public static (string Negative, string Positive) Poles(PreferenceDimension dimension) => dimension switch
    {
        PreferenceDimension.Direction => ("structure, practical tasks and homework led by the therapist", "room to explore and lead the sessions myself"),
        PreferenceDimension.EmotionalIntensity => ("going deep into strong feelings", "keeping feelings at a calmer distance"),
        PreferenceDimension.TimeFocus => ("understanding my past", "dealing with my life now"),
        PreferenceDimension.SupportOrChallenge => ("warmth and support", "being challenged and pushed"),
        _ => ("", ""),
    };
}
