using NodaTime;
using OnTrack.Domain.Plans;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Reviews;

/// <summary>Why a review was opened.</summary>
public enum ReviewReason
{
    NotOnTrack,
    Deterioration,
    NoReliableImprovement,
    LowOrFallingAlliance,
    ClientConcern,
    PlanReviewDate,
    Other,
}

public enum ReviewState
{
    Open,
    Completed,
}

/// <summary>The areas a review looks at, each with what is known and the finding recorded with the client.</summary>
public enum ReviewArea
{
    Course,
    Alliance,
    Motivation,
    Goals,
    ApproachAndPreferences,
    PaceAndExpectations,
    SupportAndLifeEvents,
    Lifestyle,
    Attendance,
}

/// <summary>What therapist and client decided to do.</summary>
public enum ReviewActionKind
{
    ChangeApproach,
    ChangeFrequency,
    ReviseGoals,
    MoreStructure,
    MoreReflection,
    LifestyleStep,
    Referral,
    ChangeTherapist,
    ContinueUnchanged,
}

/// <summary>After 3–4 more sessions the therapist looks again at an action: keep it, or revisit it.</summary>
public enum ActionFollowUp
{
    Pending,
    Confirmed,
    Revisit,
}

/// <summary>
/// A review of a client's therapy with the client, opened from an alert, the client's "isn't working" or the
/// plan's review date: findings per area and the actions decided.
/// </summary>
public sealed class Review : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    public ReviewReason Reason { get; set; }

    /// <summary>The alert it was opened from, if any; resolved by the review when it is completed.</summary>
    public Guid? AlertId { get; set; }

    /// <summary>The client's concern it answers, if any.</summary>
    public Guid? ConcernId { get; set; }

    public ReviewState State { get; set; }

    public Instant OpenedAt { get; set; }

    public string OpenedByUserId { get; set; } = "";

    public string OpenedByName { get; set; } = "";

    /// <summary>The session in which it was discussed (its session note is that session's).</summary>
    public Guid? AppointmentId { get; set; }

    public Instant? CompletedAt { get; set; }

    public string? CompletedByName { get; set; }

    /// <summary>A line on the whole review, written with the client.</summary>
    public string Summary { get; set; } = "";

    public List<ReviewFinding> Findings { get; set; } = [];

    public List<ReviewAction> Actions { get; set; } = [];
}

/// <summary>What therapist and client found about one area.</summary>
public sealed class ReviewFinding : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    public Guid ReviewId { get; set; }

    public ReviewArea Area { get; set; }

    public string Text { get; set; } = "";

    /// <summary>Whether the area is a problem to act on, as they judged it together.</summary>
    public bool IsProblem { get; set; }
}

/// <summary>One decision of a review, a marker on the client's charts; some change the plan (a new version).</summary>
public sealed class ReviewAction : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    public Guid ReviewId { get; set; }

    public ReviewActionKind Kind { get; set; }

    public string Details { get; set; } = "";

    public Instant TakenAt { get; set; }

    public string ByName { get; set; } = "";

    /// <summary>The new approach, for a change of approach.</summary>
    public TherapyApproach? NewApproach { get; set; }

    /// <summary>The new frequency, for a change of frequency.</summary>
    public SessionFrequency? NewFrequency { get; set; }

    /// <summary>The plan version the action made, when it changed the plan.</summary>
    public int? PlanVersion { get; set; }

    public ActionFollowUp FollowUp { get; set; }

    public Instant? FollowUpAt { get; set; }

    public string? FollowUpNote { get; set; }
}
