using NodaTime;
using OnTrack.Web.Data;

namespace OnTrack.Web.Features.Scheduling;

public enum AppointmentStatus
{
    Booked = 0,
    Attended = 1,
    NoShow = 2,
    Cancelled = 3,
    LateCancelled = 4,
}

/// <summary>
/// A block of a therapist's time. It holds one or more clients (couples, family, group).
/// The database refuses two active appointments of one therapist whose [Start, BlockedUntil) overlap.
/// </summary>
public sealed class Appointment : IClinicOwned
{
    /// <summary>Statuses that hold the therapist's time. Kept in step with the database constraint's WHERE clause.</summary>
    public static readonly AppointmentStatus[] ActiveStatuses = [AppointmentStatus.Booked, AppointmentStatus.Attended, AppointmentStatus.NoShow];

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid ServiceId { get; set; }

    public Service? Service { get; set; }

    public Guid TherapistId { get; set; }

    public Staff.Therapist? Therapist { get; set; }

    public Guid? SeriesId { get; set; }

    public Instant Start { get; set; }

    public Instant End { get; set; }

    /// <summary>End plus the therapist's buffer: the time the database keeps free of other sessions.</summary>
    public Instant BlockedUntil { get; set; }

    /// <summary>The clinic's IANA zone when booked: the local time the client agreed to.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    public AppointmentStatus Status { get; set; }

    public int Capacity { get; set; } = 1;

    public string? VideoLink { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? CancelledAt { get; set; }

    public List<Participant> Participants { get; set; } = [];

    public bool IsActive => Status is AppointmentStatus.Booked or AppointmentStatus.Attended or AppointmentStatus.NoShow;
}

public enum ParticipantStatus
{
    Booked = 0,
    Cancelled = 1,

    /// <summary>Left a group inside the clinic's cancellation window.</summary>
    LateCancelled = 2,
}

/// <summary>
/// A client's place in an appointment. Seat numbers are unique per appointment among booked places and
/// checked against the capacity copied onto the row, so the database itself stops a group from overfilling.
/// </summary>
public sealed class Participant : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Guid AppointmentId { get; set; }

    public Appointment? Appointment { get; set; }

    public Guid ClientId { get; set; }

    public Clients.Client? Client { get; set; }

    public int Seat { get; set; }

    public int Capacity { get; set; }

    public ParticipantStatus Status { get; set; }
}

/// <summary>A recurring series, booked all or nothing.</summary>
public sealed class AppointmentSeries : IClinicOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClinicId { get; set; }

    public Domain.Scheduling.RepeatPattern Pattern { get; set; }

    public int Count { get; set; }

    public Instant CreatedAt { get; set; }
}
