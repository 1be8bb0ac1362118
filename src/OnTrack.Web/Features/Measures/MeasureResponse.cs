using NodaTime;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Measures;

/// <summary>How a form reached OnTrack.</summary>
public enum ResponseSource
{
    /// <summary>The client, in the portal on their own device.</summary>
    Portal,

    /// <summary>The client, on a clinic tablet in kiosk mode.</summary>
    Kiosk,

    /// <summary>Staff typing in a paper form.</summary>
    Paper,
}

/// <summary>
/// One completed form: every item answer as given, the scores computed at the time, and the version of
/// the instrument they were computed with. Never changed after it is stored.
/// </summary>
public sealed class MeasureResponse : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ClientId { get; set; }

    public Clients.Client? Client { get; set; }

    public string InstrumentId { get; set; } = "";

    public string InstrumentVersion { get; set; } = "";

    /// <summary>The session the form was completed for, when there is one.</summary>
    public Guid? AppointmentId { get; set; }

    /// <summary>The number of that session in the client's course (1 for the first).</summary>
    public int? SessionNumber { get; set; }

    /// <summary>When the client filled it in (for paper, the date on the form).</summary>
    public Instant CompletedAt { get; set; }

    public Instant RecordedAt { get; set; }

    public ResponseSource Source { get; set; }

    public string? RecordedByUserId { get; set; }

    /// <summary>The answers in item order, as a JSON array of answer codes (null for unanswered).</summary>
    public string Answers { get; set; } = "[]";

    public bool Valid { get; set; }

    public decimal? Total { get; set; }

    public string? Band { get; set; }

    public bool? IsCase { get; set; }

    /// <summary>Subscale scores as a JSON object {id: score}.</summary>
    public string Subscales { get; set; } = "{}";

    public bool RiskEndorsed { get; set; }

    /// <summary>Sessions since the client's first score on this instrument (0 for that baseline): the model's t.</summary>
    public int? CourseSession { get; set; }

    /// <summary>The client's first score on this instrument: the model's intake covariate.</summary>
    public decimal? Intake { get; set; }

    /// <summary>Where this score stood against the expected course (or the rational rule) when it came in.</summary>
    public Domain.Course.CourseStatus? CourseStatus { get; set; }

    /// <summary>"model" or "rational": which rule gave <see cref="CourseStatus"/>.</summary>
    public string? CourseRule { get; set; }

    /// <summary>The client's retry key: the same key never stores a second response.</summary>
    public string? IdempotencyKey { get; set; }
}

/// <summary>One line of a measurement plan: a client's own, or the clinic's default when <see cref="ClientId"/> is null.</summary>
public sealed class MeasurePlanEntry : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid? ClientId { get; set; }

    public string InstrumentId { get; set; } = "";

    public Domain.Measures.MeasureTiming Timing { get; set; }

    public int Every { get; set; } = 1;

    public int Position { get; set; }

    public Domain.Measures.MeasureRule ToRule() => new(InstrumentId, Timing, Every);
}
