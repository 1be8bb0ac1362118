using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace OnTrack.Web.Shared;

/// <summary>
/// How OnTrack writes and reads times, the same on every page, email and API: always in the clinic's
/// zone, in words for people, and in fixed ISO-like patterns for form fields.
/// </summary>
public static class TimeText
{
    /// <summary>"uuuu-MM-ddTHH:mm": the value of a datetime-local field, a slot's local start.</summary>
    public static readonly LocalDateTimePattern LocalInput = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    /// <summary>"HH:mm": working hours, opening hours.</summary>
    public static readonly LocalTimePattern HoursAndMinutes = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    private static readonly ZonedDateTimePattern MomentPattern = ZonedDateTimePattern.CreateWithInvariantCulture("dddd d MMMM uuuu 'at' HH':'mm '('z')'", null);

    /// <summary>A session or event for a person: "Monday 2 March 2026 at 09:00 (MST)", in the clinic's zone.</summary>
    public static string Moment(Instant at, string zoneId) => Moment(at, DateTimeZoneProviders.Tzdb[zoneId]);

    /// <inheritdoc cref="Moment(Instant, string)"/>
    public static string Moment(Instant at, DateTimeZone zone) => MomentPattern.Format(at.InZone(zone));

    /// <summary>A day in a list: "Monday 2 March".</summary>
    public static string Day(LocalDate date) => date.ToString("dddd d MMMM", CultureInfo.InvariantCulture);

    /// <summary>A date in a table: "2 Mar 2026", in the clinic's zone.</summary>
    public static string ShortDate(Instant at, DateTimeZone zone) => at.InZone(zone).Date.ToString("d MMM uuuu", CultureInfo.InvariantCulture);

    /// <summary>A date in full: "2 March 2026".</summary>
    public static string Date(LocalDate date) => date.ToString("d MMMM uuuu", CultureInfo.InvariantCulture);
}
