using NodaTime;

namespace OnTrack.Domain.Scheduling;

/// <summary>The clinic's rule for how late a client may cancel or move a session without it counting as a late cancellation.</summary>
public sealed record CancellationPolicy(Duration Window)
{
    /// <summary>True when a change made at <paramref name="now"/> to a session starting at <paramref name="start"/> is late.</summary>
    public bool IsLate(Instant now, Instant start) => start - now < Window;
}
