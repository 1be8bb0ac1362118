using NodaTime;

namespace OnTrack.Domain.Scheduling;

/// <summary>A recurring weekly window of local time, e.g. Mondays 09:00–17:00.</summary>
public sealed record WeeklyWindow(IsoDayOfWeek Day, LocalTime Start, LocalTime End)
{
    /// <summary>True when the window has a positive length.</summary>
    public bool IsValid => End > Start;
}

/// <summary>What an exception to a therapist's weekly hours does on its date.</summary>
public enum ExceptionKind
{
    /// <summary>The therapist is away: the window (or the whole day when no times are given) is removed.</summary>
    TimeOff = 0,

    /// <summary>One-off extra working hours on that date.</summary>
    ExtraHours = 1,
}

/// <summary>A dated exception to the weekly hours. Without times, time off covers the whole day.</summary>
public sealed record AvailabilityException(LocalDate Date, ExceptionKind Kind, LocalTime? Start = null, LocalTime? End = null);

/// <summary>A half-open interval of local time on one date.</summary>
public readonly record struct LocalWindow(LocalDateTime Start, LocalDateTime End);

/// <summary>A half-open interval of instants [Start, End).</summary>
public readonly record struct TimeRange(Instant Start, Instant End)
{
    /// <summary>True when the two half-open intervals share any instant.</summary>
    public bool Overlaps(TimeRange other) => Start < other.End && other.Start < End;
}
