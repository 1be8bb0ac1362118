using OnTrack.Domain.Plans;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Validation;

namespace OnTrack.Web.Features.Plans;

/// <summary>A new version of the treatment plan. Give either plannedSessions or plannedWeeks; baseVersion (optional) refuses the change when someone else changed the plan since.</summary>
public sealed record PlanRequest(
    IReadOnlyList<ProblemArea>? ProblemAreas,
    [property: Text("The client's own words about what brings them", 2000, Multiline = true)] string? ClientWords,
    TherapyApproach? Approach,
    SessionFormat? Format,
    SessionFrequency? Frequency,
    int? PlannedSessions,
    int? PlannedWeeks,
    DateOnly? NextReview,
    int? BaseVersion);

public sealed record PlanVersionDto(
    int Version,
    IReadOnlyList<ProblemArea> ProblemAreas,
    string ClientWords,
    TherapyApproach Approach,
    SessionFormat Format,
    SessionFrequency Frequency,
    int? PlannedSessions,
    int? PlannedWeeks,
    DateOnly? NextReview,
    DateTimeOffset ChangedAt,
    string ChangedBy);

/// <summary>The client's agreement with, or comment on, one version.</summary>
public sealed record PlanResponseDto(int Version, bool Agreed, string Comment, DateTimeOffset At, string By);

/// <summary>The plan in force (null when the client has none yet), whether the client agreed to this version, and their answers.</summary>
public sealed record PlanStateDto(Guid ClientId, PlanVersionDto? Plan, bool Agreed, DateTimeOffset? AgreedAt, IReadOnlyList<PlanResponseDto> Responses);

/// <summary>The client agrees to, or comments on, the version they were shown.</summary>
public sealed record PlanAgreementRequest(
    int? Version,
    bool? Agree,
    [property: Text("Your comment", 1000, Multiline = true)] string? Comment);

/// <summary>A client whose plan is due for review (its review date is today or past, in the clinic's zone).</summary>
public sealed record PlanReviewDue(Guid ClientId, string Name, int Version, DateOnly ReviewDate, int DaysOverdue);

/// <summary>Goal Attainment Scaling for one goal: what each level from −2 to +2 would look like, and its weight.</summary>
public sealed record GasRequest(
    [property: Text("The description of level −2 (much less than expected)", 300, IsRequired = true)] string? MinusTwo,
    [property: Text("The description of level −1 (somewhat less than expected)", 300, IsRequired = true)] string? MinusOne,
    [property: Text("The description of level 0 (the expected outcome)", 300, IsRequired = true)] string? Zero,
    [property: Text("The description of level +1 (somewhat more than expected)", 300, IsRequired = true)] string? PlusOne,
    [property: Text("The description of level +2 (much more than expected)", 300, IsRequired = true)] string? PlusTwo,
    decimal? Weight);

public sealed record GasDto(string MinusTwo, string MinusOne, string Zero, string PlusOne, string PlusTwo, decimal Weight);

/// <summary>A new goal, in the client's words.</summary>
public sealed record GoalRequest(
    [property: Text("The goal", Goals.MaxLength)] string? Text,
    GasRequest? Gas);

/// <summary>A change to a goal: new wording (the old one is kept), Goal Attainment Scaling set or removed (removeGas).</summary>
public sealed record GoalChangeRequest(
    [property: Text("The goal", Goals.MaxLength)] string? Text,
    GasRequest? Gas,
    bool? RemoveGas);

/// <summary>Met, dropped or active again; on is the day it happened (today by default).</summary>
public sealed record GoalStatusRequest(GoalStatus? Status, DateOnly? On);

public sealed record GoalRevisionDto(string PreviousText, DateTimeOffset RevisedAt, string By);

public sealed record GoalDto(
    Guid Id,
    string LinkId,
    string Text,
    GoalStatus Status,
    DateOnly? StatusOn,
    DateTimeOffset? StatusChangedAt,
    GoalAuthor ProposedBy,
    string ProposedByName,
    DateTimeOffset CreatedAt,
    GasDto? Gas,
    IReadOnlyList<GoalRevisionDto> Revisions,
    GasRatingDto? GasLatest = null);

/// <summary>
/// Active goals (the ones rated at check-in), then met and dropped ones. GasTScore is the Goal Attainment
/// Scaling T-score (Kiresuk &amp; Sherman, ρ = 0.3, with the goals' weights) over the scaled goals that are not
/// dropped and have been rated, each at its latest level; null when none has. GasGoalsRated says how many.
/// </summary>
public sealed record GoalsDto(Guid ClientId, IReadOnlyList<GoalDto> Active, IReadOnlyList<GoalDto> Past, double? GasTScore = null, int GasGoalsRated = 0);

/// <summary>A goal attainment rating: the level reached, −2 (much less than expected) … +2 (much more).</summary>
public sealed record GasRatingRequest(int? Level);

/// <summary>The latest goal attainment rating of a scaled goal.</summary>
public sealed record GasRatingDto(int Level, string Description, DateTimeOffset RatedAt, string By);

/// <summary>The client's preferences. Each dimension is −3 … +3 or null (not answered); see PlanWords for the poles.</summary>
public sealed record PreferencesRequest(
    int? Direction,
    int? EmotionalIntensity,
    int? TimeFocus,
    int? SupportOrChallenge,
    [property: Text("The therapist's gender you would prefer", 50)] string? TherapistGender,
    [property: Text("The language you would like your sessions in", 50)] string? Language,
    PreferredModality? Modality,
    bool? Mornings,
    bool? Afternoons,
    bool? Evenings);

public sealed record PreferencesDto(
    Guid ClientId,
    int? Direction,
    int? EmotionalIntensity,
    int? TimeFocus,
    int? SupportOrChallenge,
    string? TherapistGender,
    string? Language,
    PreferredModality Modality,
    bool Mornings,
    bool Afternoons,
    bool Evenings,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy);

/// <summary>What the client expects, asked now.</summary>
public sealed record ExpectationRequest(int? SessionsExpected, int? WeeksToFeelBetter, int? Confidence, ExpectationOccasion? Occasion);

public sealed record ExpectationDto(Guid Id, DateTimeOffset AskedAt, ExpectationOccasion Occasion, int SessionsExpected, int WeeksToFeelBetter, int Confidence, string RecordedBy);

/// <summary>A therapist's style on the four dimensions (−3 … +3 or null), their gender as they describe it, and their languages.</summary>
public sealed record TherapistStyleRequest(
    int? Direction,
    int? EmotionalIntensity,
    int? TimeFocus,
    int? SupportOrChallenge,
    [property: Text("Your gender", 50)] string? Gender,
    IReadOnlyList<string>? Languages);

public sealed record TherapistStyleDto(
    Guid TherapistId,
    string Name,
    int? Direction,
    int? EmotionalIntensity,
    int? TimeFocus,
    int? SupportOrChallenge,
    string? Gender,
    IReadOnlyList<string> Languages,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy);

/// <summary>The plan's review date at which the client is asked again what they expect; null when not due.</summary>
public sealed record ExpectationsAskAgainDto(DateOnly? ReviewDate);
