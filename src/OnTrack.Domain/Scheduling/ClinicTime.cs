using NodaTime;
using NodaTime.TimeZones;

namespace OnTrack.Domain.Scheduling;

/// <summary>Turns clinic-local date-times into instants, resolving daylight-saving transitions explicitly.</summary>
public static class ClinicTime
{
    /// <summary>
    /// The instant of a local appointment time. In a spring-forward gap the time does not exist, so it
    /// returns null: a slot that does not exist is not offered. In a fall-back overlap the earlier of the
    /// two instants is used, as a person reading the clock first sees it.
    /// </summary>
    public static Instant? ToInstantOrNull(LocalDateTime local, DateTimeZone zone)
    {
        var mapping = zone.MapLocal(local);
        return mapping.Count switch
        {
            0 => null,
            _ => mapping.First().ToInstant(),
        };
    }

    /// <summary>
    /// The instant of a recurring occurrence: like <see cref="ToInstantOrNull"/>, but a time inside a
    /// spring-forward gap is moved forward by the length of the gap (02:30 becomes 03:30), so that a
    /// series never silently loses a session.
    /// </summary>
    public static Instant ToInstantForSeries(LocalDateTime local, DateTimeZone zone) =>
        zone.ResolveLocal(local, Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnForwardShifted)).ToInstant();
}
