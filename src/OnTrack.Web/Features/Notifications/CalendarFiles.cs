using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;

namespace OnTrack.Web.Features.Notifications;

/// <summary>One session as it appears in a calendar.</summary>
public sealed record CalendarEntry(Guid Id, Instant Start, Instant End, string TimeZoneId, string Summary, string Location, string Description, bool Cancelled = false);

/// <summary>iCalendar (RFC 5545) files: times are written in the clinic's zone with its VTIMEZONE, so they show at the right local time across DST.</summary>
public static class CalendarFiles
{
    /// <summary>
    /// A calendar file. For an email, <paramref name="method"/> is PUBLISH for new sessions and CANCEL
    /// (with a higher SEQUENCE) for cancelled ones, so calendar apps remove them; feeds give none.
    /// </summary>
    public static string Write(IEnumerable<CalendarEntry> entries, string calendarName, string? method = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var calendar = new Calendar { ProductId = "-//OnTrack//Scheduling//EN" };
        if (method is not null)
        {
            calendar.Method = method;
        }

        calendar.AddProperty("X-WR-CALNAME", calendarName);
        var zones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (zones.Add(entry.TimeZoneId))
            {
                calendar.AddTimeZone(entry.TimeZoneId, entry.Start.ToDateTimeUtc().AddYears(-1), includeHistoricalData: false);
            }

            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{entry.Id:N}@ontrack",
                Summary = entry.Summary,
                Location = entry.Location,
                Description = entry.Description,
                DtStamp = new CalDateTime(DateTime.UtcNow, true),
                DtStart = Local(entry.Start, entry.TimeZoneId),
                DtEnd = Local(entry.End, entry.TimeZoneId),
                Status = entry.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                Sequence = entry.Cancelled ? 1 : 0,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime Local(Instant instant, string zoneId)
    {
        var local = instant.InZone(DateTimeZoneProviders.Tzdb[zoneId]).LocalDateTime;
        return new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, zoneId);
    }
}
