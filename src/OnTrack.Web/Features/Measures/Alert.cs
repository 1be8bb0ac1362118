using NodaTime;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Measures;

public enum AlertState
{
    New,
    Acknowledged,
    Resolved,
}

/// <summary>
/// A warning for a client's therapist, in one queue per therapist. Risk alerts must be acknowledged with
/// the action taken; unacknowledged ones escalate to the clinic's admins.
/// </summary>
public sealed class Alert : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    public Clients.Client? Client { get; set; }

    /// <summary>The therapist whose queue it is in (null when the client has none yet: admins see it).</summary>
    public Guid? TherapistId { get; set; }

    public AlertKind Kind { get; set; }

    public AlertPriority Priority { get; set; }

    public AlertState State { get; set; }

    /// <summary>The result that raised it.</summary>
    public Guid? ResponseId { get; set; }

    public string InstrumentId { get; set; } = "";

    public string Summary { get; set; } = "";

    public Instant RaisedAt { get; set; }

    public Instant? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    /// <summary>What the therapist did: called the client, safety plan reviewed, referred…</summary>
    public string? ActionTaken { get; set; }

    /// <summary>When it went to the clinic's admins for want of an acknowledgement.</summary>
    public Instant? EscalatedAt { get; set; }

    public Instant? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public string? Resolution { get; set; }
}
