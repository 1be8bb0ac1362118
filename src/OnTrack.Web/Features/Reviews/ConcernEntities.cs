using NodaTime;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Reviews;

/// <summary>What the client says is not working.</summary>
public enum ConcernTopic
{
    Pace,
    Approach,
    Relationship,
    Goals,
    ThingsInMyLife,
    Other,
}

/// <summary>What the client would like instead.</summary>
public enum ConcernWish
{
    MoreStructure,
    MoreReflection,
    DifferentFrequency,
    Break,
    DifferentTherapist,
}

/// <summary>Who the client chose to tell.</summary>
public enum ConcernAudience
{
    /// <summary>Their therapist, as an alert in the therapist's queue.</summary>
    Therapist,

    /// <summary>The clinic's admins only, so that the client need not say it to the therapist first.</summary>
    ClinicAdmins,
}

public enum ConcernState
{
    Open,
    Handled,
}

/// <summary>"This isn't working for me": what, what the client would like, in their words, and what was done.</summary>
public abstract class ConcernRecord : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    public Instant RaisedAt { get; set; }

    public string ByUserId { get; set; } = "";

    public string ByName { get; set; } = "";

    public List<ConcernTopic> Topics { get; set; } = [];

    public List<ConcernWish> Wishes { get; set; } = [];

    /// <summary>The client's own words (optional).</summary>
    public string Text { get; set; } = "";

    public ConcernState State { get; set; }

    public Instant? HandledAt { get; set; }

    public string? HandledBy { get; set; }

    /// <summary>What was done, in a line (a review opened, a call, a new therapist).</summary>
    public string? Outcome { get; set; }

    /// <summary>The day (clinic's zone) by which the client was told they would hear back.</summary>
    public LocalDate AnswerBy { get; set; }
}

/// <summary>A concern the client sent to their therapist: a clinical record of the care team, with an alert.</summary>
public sealed class ClientConcern : ConcernRecord
{
    public Guid? AlertId { get; set; }

    /// <summary>The review it led to, once one is opened from it.</summary>
    public Guid? ReviewId { get; set; }
}

/// <summary>A concern the client sent to the clinic's admins instead of their therapist: the care team does not see it.</summary>
public sealed class ConcernForAdmins : ConcernRecord;
