using NodaTime;

namespace OnTrack.Domain.Scheduling;

/// <summary>When to remind a client of a session.</summary>
public static class Reminders
{
    /// <summary>
    /// The reminder time: <paramref name="hoursBefore"/> hours earlier on the clinic's wall clock, so a
    /// 24-hour reminder of a 17:00 session goes out at 17:00 the day before even when a DST change lies
    /// between them. Null when that time has already passed at <paramref name="now"/>.
    /// </summary>
    public static Instant? SendAt(Instant sessionStart, DateTimeZone zone, int hoursBefore, Instant now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = sessionStart.InZone(zone).LocalDateTime.PlusHours(-hoursBefore);
        var at = ClinicTime.ToInstantForSeries(local, zone);
        return at <= now ? null : at;
    }
}
