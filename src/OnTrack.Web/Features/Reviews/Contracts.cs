using OnTrack.Web.Validation;

namespace OnTrack.Web.Features.Reviews;

/// <summary>"This isn't working for me": at least one of what, what the client would like, or their words.</summary>
public sealed record ConcernRequest(
    IReadOnlyList<ConcernTopic>? Topics,
    IReadOnlyList<ConcernWish>? Wishes,
    [property: Text("What you would like to say", Concerns.MaxText, Multiline = true)] string? Text,
    ConcernAudience? SendTo);

/// <summary>What the client sent and what happens next, in plain words, with the day they will hear back by.</summary>
public sealed record ConcernDto(
    Guid Id,
    Guid ClientId,
    DateTimeOffset RaisedAt,
    string By,
    IReadOnlyList<ConcernTopic> Topics,
    IReadOnlyList<ConcernWish> Wishes,
    string Text,
    ConcernAudience SentTo,
    ConcernState State,
    DateOnly AnswerBy,
    string WhatHappensNext,
    DateTimeOffset? HandledAt,
    string? HandledBy,
    string? Outcome,
    Guid? AlertId,
    Guid? ReviewId);

/// <summary>A concern the clinic's admins received, with the client's name for the queue.</summary>
public sealed record AdminConcernDto(Guid ClientId, string ClientName, ConcernDto Concern);

/// <summary>Marks a concern handled, with what was done.</summary>
public sealed record ConcernHandledRequest([property: Text("What was done", 1000, IsRequired = true)] string? Outcome);

/// <summary>Open a review: why, and the alert or concern it answers (optional).</summary>
public sealed record OpenReviewRequest(ReviewReason? Reason, Guid? AlertId, Guid? ConcernId);

/// <summary>The finding about one area, recorded with the client.</summary>
public sealed record FindingRequest(
    ReviewArea? Area,
    [property: Text("The finding", Reviews.MaxText, Multiline = true)] string? Text,
    bool? IsProblem);

/// <summary>A decision. A change of approach needs newApproach, a change of frequency newFrequency; both make a new plan version.</summary>
public sealed record ActionRequest(
    ReviewActionKind? Kind,
    [property: Text("What you decided", Reviews.MaxText, Multiline = true)] string? Details,
    OnTrack.Domain.Plans.TherapyApproach? NewApproach,
    OnTrack.Domain.Plans.SessionFrequency? NewFrequency);

/// <summary>Complete the review: a line on the whole, and the session in which it was discussed (optional).</summary>
public sealed record CompleteReviewRequest(
    [property: Text("A line on the review", Reviews.MaxText, Multiline = true)] string? Summary,
    Guid? AppointmentId);

/// <summary>After 3–4 more sessions: keep the action (Confirmed) or look at it again (Revisit).</summary>
public sealed record FollowUpRequest(
    ActionFollowUp? Decision,
    [property: Text("A note", Reviews.MaxText, Multiline = true)] string? Note);

public sealed record FindingDto(ReviewArea Area, string Text, bool IsProblem);

public sealed record ActionDto(
    Guid Id,
    ReviewActionKind Kind,
    string Details,
    DateTimeOffset TakenAt,
    string By,
    OnTrack.Domain.Plans.TherapyApproach? NewApproach,
    OnTrack.Domain.Plans.SessionFrequency? NewFrequency,
    int? PlanVersion,
    ActionFollowUp FollowUp,
    DateTimeOffset? FollowUpAt,
    string? FollowUpNote);

public sealed record ReviewDto(
    Guid Id,
    Guid ClientId,
    ReviewReason Reason,
    ReviewState State,
    Guid? AlertId,
    Guid? ConcernId,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    Guid? AppointmentId,
    string Summary,
    IReadOnlyList<FindingDto> Findings,
    IReadOnlyList<ActionDto> Actions);
