using OnTrack.Domain.Measures;
using OnTrack.Domain.Outcomes;

namespace OnTrack.Web.Features.Measures;

/// <summary>
/// A completed form. Clients submit their own due forms (clientId may be left out); staff type in paper
/// forms for a client on their list, with the date on the form.
/// </summary>
/// <param name="Answers">Answer per item linkId: an option code for choice items, a number for 0–10 ratings; leave an item out or null when unanswered.</param>
public sealed record ResponseRequest(Guid? ClientId, [property: Validation.Text("The instrument", 100)] string InstrumentId, Dictionary<string, string?>? Answers, DateTimeOffset? CompletedAt = null, Guid? AppointmentId = null);

public sealed record ResponseDto(
    Guid Id,
    Guid ClientId,
    string InstrumentId,
    string InstrumentVersion,
    DateTimeOffset CompletedAt,
    ResponseSource Source,
    Guid? AppointmentId,
    int? SessionNumber,
    bool Valid,
    decimal? Total,
    string? Band,
    bool? Case,
    IReadOnlyDictionary<string, decimal?> Subscales,
    IReadOnlyDictionary<string, string?> Answers,
    bool RiskEndorsed);

/// <summary>The stored response; <see cref="Replayed"/> when the Idempotency-Key had already been used for it. Crisis resources are given whenever a risk item was endorsed.</summary>
public sealed record SubmissionResult(ResponseDto Response, bool Replayed, string? CrisisResources, IReadOnlyList<string> StillDue)
{
    /// <summary>What the client is told about the risk items they endorsed, in the words of each item's risk rule.</summary>
    public string? CrisisMessage { get; init; }

    /// <summary>Set when the form had blanks or unreadable answers and was stored only because a risk item was endorsed: what was wrong.</summary>
    public string? Incomplete { get; init; }
}

public sealed record DueFormDto(string InstrumentId, string Title, int Items);

public sealed record DueFormsDto(Guid ClientId, Guid? AppointmentId, DateTimeOffset? SessionStart, int? SessionNumber, IReadOnlyList<DueFormDto> Forms);

public sealed record ProgressDto(
    string InstrumentId,
    string Title,
    InstrumentRole Role,
    ScoreDirection Direction,
    int Scores,
    decimal? Baseline,
    decimal? Latest,
    decimal? Change,
    ChangeCategory ReliableChange,
    bool? BaselineCase,
    bool? LatestCase,
    bool Recovered,
    bool ReliablyRecovered,
    string? Band,
    decimal? Cutoff);

public sealed record AlertDto(
    Guid Id,
    Guid ClientId,
    string ClientName,
    Guid? TherapistId,
    AlertKind Kind,
    AlertPriority Priority,
    AlertState State,
    string InstrumentId,
    string Summary,
    DateTimeOffset RaisedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string? ActionTaken,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? Resolution,
    Guid? ResponseId);

/// <summary>What the therapist did about an alert. Required for risk alerts.</summary>
public sealed record AlertActionRequest([property: Validation.Text(AlertQueue.ActionLabel, AlertQueue.MaxActionLength, Multiline = true)] string? Action);

public sealed record MeasureRuleDto([property: Validation.Text("The instrument", 100, IsRequired = true)] string InstrumentId, MeasureTiming Timing, int Every = 1);

public sealed record MeasurePlanDto(Guid ClientId, bool IsClinicDefault, IReadOnlyList<MeasureRuleDto> Rules);
