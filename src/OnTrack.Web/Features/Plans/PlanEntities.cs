using NodaTime;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Scheduling;

namespace OnTrack.Web.Features.Plans;

/// <summary>
/// One version of a client's treatment plan. Versions are only ever added: a change is a new row with the
/// next number, so who changed what and when stays readable; the highest number is the plan in force.
/// </summary>
public sealed class TreatmentPlanVersion : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    /// <summary>1 for the first plan, then one more for each change.</summary>
    public int Version { get; set; }

    public List<ProblemArea> ProblemAreas { get; set; } = [];

    /// <summary>The client's own words about what brings them.</summary>
    public string ClientWords { get; set; } = "";

    public TherapyApproach Approach { get; set; }

    public SessionFormat Format { get; set; }

    public SessionFrequency Frequency { get; set; }

    /// <summary>The planned number of sessions, or null when the plan counts weeks instead.</summary>
    public int? PlannedSessions { get; set; }

    /// <summary>The planned number of weeks, or null when the plan counts sessions instead.</summary>
    public int? PlannedWeeks { get; set; }

    /// <summary>When the plan is next reviewed (a date in the clinic's zone), kept with each version.</summary>
    public LocalDate? NextReview { get; set; }

    public Instant ChangedAt { get; set; }

    public string ChangedByUserId { get; set; } = "";

    public string ChangedByName { get; set; } = "";
}

/// <summary>The client's answer to one version of their plan: agreement, a comment, or both.</summary>
public sealed class PlanResponse : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    public Guid PlanVersionId { get; set; }

    /// <summary>The version answered, as the client saw it.</summary>
    public int Version { get; set; }

    public bool Agreed { get; set; }

    public string Comment { get; set; } = "";

    public Instant At { get; set; }

    public string ByUserId { get; set; } = "";

    public string ByName { get; set; } = "";
}

/// <summary>Who first put a goal into words.</summary>
public enum GoalAuthor
{
    Client,
    Staff,
}

/// <summary>
/// A goal in the client's words. <see cref="LinkId"/> never changes, so the goal's ratings can be items of
/// a per-client check-in form whatever its wording becomes.
/// </summary>
public sealed class Goal : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    /// <summary>"goal-" and eight letters or digits: the goal's item id in a check-in form.</summary>
    public string LinkId { get; set; } = NewLinkId();

    public string Text { get; set; } = "";

    public GoalStatus Status { get; set; }

    /// <summary>The day (clinic's zone) the goal was met or dropped; null while active.</summary>
    public LocalDate? StatusOn { get; set; }

    /// <summary>When the status last changed; null while it never has.</summary>
    public Instant? StatusChangedAt { get; set; }

    public GoalAuthor ProposedBy { get; set; }

    public string ProposedByName { get; set; } = "";

    public Instant CreatedAt { get; set; }

    /// <summary>Goal Attainment Scaling: the descriptions of levels −2 … +2 (index 0 is −2), or null without scaling.</summary>
    public List<string>? GasLevels { get; set; }

    /// <summary>The goal's weight in a GAS T-score; null without scaling.</summary>
    public decimal? GasWeight { get; set; }

    public List<GoalRevision> Revisions { get; set; } = [];

    public static string NewLinkId() => "goal-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
}

/// <summary>
/// One Goal Attainment Scaling rating of a scaled goal: the level reached (−2 … +2) on a day, by whom. Rated
/// by the therapist with the client, usually at a review; each rating is kept.
/// </summary>
public sealed class GoalAttainmentRating : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    public Guid GoalId { get; set; }

    /// <summary>−2 much less than expected … 0 the expected level … +2 much more than expected.</summary>
    public int Level { get; set; }

    public Instant RatedAt { get; set; }

    public string ByUserId { get; set; } = "";

    public string ByName { get; set; } = "";
}

/// <summary>A goal's earlier wording, kept when it was revised.</summary>
public sealed class GoalRevision : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    public Guid GoalId { get; set; }

    /// <summary>The wording before the revision.</summary>
    public string PreviousText { get; set; } = "";

    public Instant RevisedAt { get; set; }

    public string ByUserId { get; set; } = "";

    public string ByName { get; set; } = "";
}

/// <summary>How the client would like to meet.</summary>
public enum PreferredModality
{
    Either,
    InPerson,
    Video,
}

/// <summary>The client's preferences for their therapy (one row per client, changed in place; the audit trail keeps each change).</summary>
public sealed class ClientPreferences : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    /// <summary>−3 … +3 on each <see cref="PreferenceDimension"/>; null when not answered.</summary>
    public int? Direction { get; set; }

    public int? EmotionalIntensity { get; set; }

    public int? TimeFocus { get; set; }

    public int? SupportOrChallenge { get; set; }

    /// <summary>The therapist's gender the client prefers, in their words; null for no preference.</summary>
    public string? TherapistGender { get; set; }

    public string? Language { get; set; }

    public PreferredModality Modality { get; set; }

    public bool Mornings { get; set; }

    public bool Afternoons { get; set; }

    public bool Evenings { get; set; }

    public Instant UpdatedAt { get; set; }

    public string UpdatedByUserId { get; set; } = "";

    public string UpdatedByName { get; set; } = "";
}

/// <summary>When the client was asked what they expect.</summary>
public enum ExpectationOccasion
{
    Intake,
    PlanReview,
    Other,
}

/// <summary>What the client expects of their therapy, asked at intake and at each plan review: a new row each time.</summary>
public sealed class ExpectationCheck : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    public Instant AskedAt { get; set; }

    public ExpectationOccasion Occasion { get; set; }

    public int SessionsExpected { get; set; }

    public int WeeksToFeelBetter { get; set; }

    /// <summary>0 (not at all confident therapy will help) … 10 (completely confident).</summary>
    public int Confidence { get; set; }

    public string ByUserId { get; set; } = "";

    public string ByName { get; set; } = "";
}

/// <summary>
/// How a therapist describes their style on the four preference dimensions, and what clients may choose them
/// by: beside <see cref="Staff.Therapist"/>, one row per therapist. Not a client record.
/// </summary>
public sealed class TherapistStyle : IClinicOwned
{
    public Guid TherapistId { get; set; }

    public Guid ClinicId { get; set; }

    public int? Direction { get; set; }

    public int? EmotionalIntensity { get; set; }

    public int? TimeFocus { get; set; }

    public int? SupportOrChallenge { get; set; }

    /// <summary>The therapist's gender as they describe it; null when they would rather not say.</summary>
    public string? Gender { get; set; }

    public List<string> Languages { get; set; } = [];

    public Instant UpdatedAt { get; set; }

    public string UpdatedByName { get; set; } = "";
}
